import Foundation
@testable import BriefgenKit

/// A small but complete site, in memory: every kind of page, links, mentions, a dispute.
enum Fixture {
    static let files: [String: String] = [
        "site/briefgen.yml": """
        title: Test Briefing
        baseURL: https://example.org/
        description: A fixture.

        """,
        "site/content/actors/anthropic.md": """
        ---
        name: Anthropic
        kind: company
        aliases: [Anthropic PBC]
        summary: An AI company.
        ---
        Anthropic builds [[actors/mythos|Mythos]] models. See [[events/ban-imposed]].

        """,
        "site/content/actors/commerce.md": """
        ---
        name: US Commerce Department
        kind: government
        aliases: [Commerce Department, Commerce]
        ---
        A US government department.

        """,
        "site/content/actors/ico.md": """
        ---
        name: Information Commissioner's Office
        kind: organisation
        aliases: [ICO]
        ---
        The UK data regulator.

        """,
        "site/content/actors/mythos.md": """
        ---
        name: Claude Mythos 5
        kind: model
        aliases: [Mythos]
        affiliation: anthropic
        ---
        A model.

        """,
        "site/content/articles/ban-story.md": """
        ---
        title: Ban story
        outlet: Example News
        published: 2026-06-05
        url: https://news.example/ban
        ---
        The Commerce Department told Anthropic to stop. The ICO said nothing; an icon did.

        ## What this means for your business

        Check which AI suppliers you depend on.

        """,
        "site/content/articles/lift-story.md": """
        ---
        title: Lift story
        ---
        Anthropic's Mythos returned for some users.

        """,
        "site/content/events/ban-imposed.md": """
        ---
        title: Export ban imposed
        date: 2026-06
        actors: [commerce, anthropic]
        sources: [ban-story]
        disputed:
          - question: When was the ban imposed?
            answers:
              - says: early June 2026
                sources: [ban-story]
              - says: November 2025
                sources: [lift-story]
        ---
        The [[US Commerce Department]] restricted exports ([[articles/ban-story#p1]]).

        """,
        "site/content/events/partial-lift.md": """
        ---
        title: Partial lift
        date: 2026-06-26
        actors: [anthropic]
        sources: [lift-story]
        ---
        Some access returned.

        """,
        "site/content/business/finance.md": """
        ---
        title: Finance
        audience: [banks, insurers]
        summary: Check your AI dependencies.
        actions: [List AI suppliers, Plan a fallback]
        related: [ban-imposed]
        ---
        Banks relying on [[Anthropic]] should plan.

        """,
        "site/content/notes/overview.md": """
        ---
        title: Overview
        related: [anthropic]
        ---
        Anthropic and the Commerce Department disagree.

        """,
    ]

    static func fileSystem(_ overrides: [String: String?] = [:]) -> MemoryFileSystem {
        var all = files
        for (path, text) in overrides { all[path] = text }
        return MemoryFileSystem(all.compactMapValues { $0 })
    }

    static func build(_ fs: MemoryFileSystem, baseURL: String? = nil, write: Bool = true) -> BuildResult {
        Builder(fs: fs, options: BuildOptions(siteRoot: "site", outputDir: "out", baseURL: baseURL, write: write)).build()
    }

    static func text(_ fs: MemoryFileSystem, _ path: String) -> String {
        fs.read(path).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
