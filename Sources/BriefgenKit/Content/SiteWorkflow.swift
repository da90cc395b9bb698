/// The GitHub Actions workflow `briefgen new site` writes: it installs briefgen once, at the
/// version that made the site, keeps the binary in the Actions cache, and builds and
/// publishes the briefing with GitHub Pages (pull requests are checked without deploying).
public enum SiteWorkflow {
    /// Where the workflow fetches briefgen's sources from, at tag `vVERSION`, unless `new site`
    /// is given another (`--briefgen-repository`, or `BRIEFGEN_REPOSITORY` in the environment).
    public static let defaultRepository = "https://github.com/briefgen/briefgen.git"

    /// What is wrong with a repository URL for `git clone` in the workflow, or nil.
    public static func repositoryProblem(_ url: String) -> String? {
        let allowed = url.hasPrefix("https://") || url.hasPrefix("git@") || url.hasPrefix("ssh://")
        guard allowed, !url.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "'" || $0 == "$" || $0 == "`" }) else {
            return "must be a git URL (https://…, ssh://… or git@…) without spaces or quotes, not \"\(url)\""
        }
        return nil
    }

    static func text(repository: String) -> String {
        #"""
        # Builds this briefing on every push to main and publishes it with GitHub Pages.
        # briefgen is built once at the version pinned below and kept in the Actions cache; the build
        # graph (.briefgen/) and the previous site are cached too, so a push that edits one note rebuilds
        # only what it affects. Pull requests are checked (content, and that an incremental build equals a
        # clean one) without deploying. In Settings → Pages, set Source to "GitHub Actions".
        name: Publish briefing

        on:
          push:
            branches: [main]
          pull_request:
          workflow_dispatch:

        permissions:
          contents: read

        concurrency:
          group: briefing-${{ github.ref }}
          cancel-in-progress: true

        env:
          BRIEFGEN_VERSION: "\#(BriefgenVersion.current)"
          BRIEFGEN_REPOSITORY: "\#(repository)"
          BRIEFGEN: /opt/briefgen/bin/briefgen

        jobs:
          build:
            runs-on: ubuntu-24.04
            container: swift:6.1-noble
            permissions:
              contents: read
              pages: read
            steps:
              - name: Check out with history (for the "what changed" page)
                uses: actions/checkout@v4
                with:
                  fetch-depth: 0
              - name: Install cmark-gfm and gumbo
                run: apt-get update -qq && apt-get install -y -qq libcmark-gfm-dev libcmark-gfm-extensions-dev libgumbo-dev pkg-config git
              - name: Trust the checkout
                run: git config --global --add safe.directory "$GITHUB_WORKSPACE"
              - name: Restore the pinned briefgen
                id: briefgen
                uses: actions/cache@v4
                with:
                  path: /opt/briefgen
                  key: briefgen-bin-${{ runner.os }}-${{ env.BRIEFGEN_VERSION }}
              - name: Build the pinned briefgen (first run of this version only)
                if: steps.briefgen.outputs.cache-hit != 'true'
                run: |
                  git clone --quiet --depth 1 --branch "v$BRIEFGEN_VERSION" "$BRIEFGEN_REPOSITORY" /tmp/briefgen-src
                  swift build -c release --product briefgen --package-path /tmp/briefgen-src
                  mkdir -p /opt/briefgen/bin
                  cp "$(swift build -c release --package-path /tmp/briefgen-src --show-bin-path)/briefgen" "$BRIEFGEN"
              - name: Restore build graph and previous site
                uses: actions/cache@v4
                with:
                  path: |
                    .briefgen
                    public
                  key: site-${{ runner.os }}-${{ env.BRIEFGEN_VERSION }}-${{ github.sha }}
                  restore-keys: |
                    site-${{ runner.os }}-${{ env.BRIEFGEN_VERSION }}-
              - name: Check content and compare an incremental build with a clean one
                if: github.event_name == 'pull_request'
                run: |
                  "$BRIEFGEN" check --site .
                  "$BRIEFGEN" build --site . --output /tmp/checked-site --verify-incremental
              - name: Configure Pages
                if: github.event_name != 'pull_request'
                id: pages
                uses: actions/configure-pages@v5
              - name: Build the site
                if: github.event_name != 'pull_request'
                env:
                  BASE_URL: ${{ steps.pages.outputs.base_url }}/
                run: |
                  SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)"
                  export SOURCE_DATE_EPOCH
                  "$BRIEFGEN" build --site . --base-url "$BASE_URL" --report build-report.json
              - name: Upload the site
                if: github.event_name != 'pull_request'
                uses: actions/upload-pages-artifact@v3
                with:
                  path: public

          deploy:
            if: github.event_name != 'pull_request'
            needs: build
            runs-on: ubuntu-24.04
            permissions:
              pages: write
              id-token: write
            environment:
              name: github-pages
              url: ${{ steps.deployment.outputs.page_url }}
            steps:
              - name: Deploy to GitHub Pages
                id: deployment
                uses: actions/deploy-pages@v4

        """#
    }
}
