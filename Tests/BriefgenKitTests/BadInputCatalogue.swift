/// The sites of the bad-input catalogue (`BadInputCatalogueTests`), by theme. Paths are below
/// the fixture's site folder; each site is the fixture with these files replaced.
enum BadInputCatalogue {
    static func note(_ frontMatter: String, _ body: String = "Text.") -> String {
        "---\n\(frontMatter)\n---\n\(body)\n"
    }

    static let frontMatter: [BadInput] = [
        BadInput(name: "front matter never closed",
                 files: ["content/notes/bad.md": "---\ntitle: Bad\nText.\n"], errors: [
                     "content/notes/bad.md:1:1: error: front matter opened with `---` is never closed (did you forget the closing `---` line after the YAML?)",
                 ]),
        BadInput(name: "YAML: unclosed flow list",
                 files: ["content/notes/bad.md": note("title: Bad\nrelated: [anthropic")], errors: [
                     "content/notes/bad.md:4:1: error: invalid YAML: did not find expected \',\' or \']\' while parsing a flow sequence (check indentation and quote values that contain `:` or `#`)",
                 ]),
        BadInput(name: "YAML: a colon in a plain value",
                 files: ["content/notes/bad.md": note("title: Bad: worse: worst")], errors: [
                     "content/notes/bad.md:2:11: error: invalid YAML: mapping values are not allowed in this context (check indentation and quote values that contain `:` or `#`)",
                 ]),
        BadInput(name: "YAML: tab indentation",
                 files: ["content/notes/bad.md": note("title: Bad\nrelated:\n\t- anthropic")], errors: [
                     "content/notes/bad.md:4:1: error: invalid YAML: found character that cannot start any token while scanning for the next token (check indentation and quote values that contain `:` or `#`)",
                 ]),
        BadInput(name: "YAML: unterminated quote",
                 files: ["content/notes/bad.md": note("title: \"Bad")], errors: [
                     "content/notes/bad.md:2:12: error: invalid YAML: found unexpected end of stream while scanning a quoted scalar (check indentation and quote values that contain `:` or `#`)",
                 ]),
        BadInput(name: "front matter is a list",
                 files: ["content/notes/bad.md": note("- title\n- Bad")], errors: [
                     "content/notes/bad.md:2:1: error: front matter must be a mapping of `key: value` lines (write e.g. `title: My page`)",
                 ]),
        BadInput(name: "front matter is a scalar",
                 files: ["content/notes/bad.md": note("just words")], errors: [
                     "content/notes/bad.md:2:1: error: front matter must be a mapping of `key: value` lines (write e.g. `title: My page`)",
                 ]),
        BadInput(name: "a key given twice",
                 files: ["content/notes/bad.md": note("title: Bad\ntitle: Worse")], errors: [
                     "content/notes/bad.md:2:1: error: duplicate keys: title (keep one of each)",
                 ]),
        BadInput(name: "front matter without its --- lines",
                 files: ["content/actors/bad.md": "name: Bad Actor\nkind: company\n"], errors: [
                     "content/actors/bad.md:1:1: error: the actor is missing required key `name` (did you forget the `---` lines around the front matter?)",
                 ]),
        BadInput(name: "a broken actor others link to",
                 files: ["content/actors/commerce.md": note("name: US Commerce Department\naliases: [Commerce Department, Commerce")],
                 errors: [
                     "content/actors/commerce.md:4:1: error: invalid YAML: did not find expected \',\' or \']\' while parsing a flow sequence (check indentation and quote values that contain `:` or `#`)",
                 ]),
    ]

    static let values: [BadInput] = [
        BadInput(name: "title is a list",
                 files: ["content/notes/bad.md": note("title: [a, b]")], errors: [
                     "content/notes/bad.md:2:8: error: `title` must be a single value, not a list or mapping",
                 ]),
        BadInput(name: "related is a mapping",
                 files: ["content/notes/bad.md": note("title: Bad\nrelated: {a: b}")], errors: [
                     "content/notes/bad.md:3:10: error: `related` must be a list, like `[a, b]`",
                 ]),
        BadInput(name: "draft is not a boolean",
                 files: ["content/notes/bad.md": note("title: Bad\ndraft: perhaps")], errors: [
                     "content/notes/bad.md:3:8: error: `draft` must be true or false",
                 ]),
        BadInput(name: "disputed is not a list",
                 files: ["content/events/bad.md": note("title: Bad\ndate: 2026\ndisputed: yes")], errors: [
                     "content/events/bad.md:4:11: error: `disputed` must be a list of questions (- question: …\\n  answers: [{says: …, sources: [slug]}])",
                 ]),
        BadInput(name: "a dispute without a question",
                 files: ["content/events/bad.md": note("title: Bad\ndate: 2026\ndisputed:\n  - answers: []")], errors: [
                     "content/events/bad.md:5:5: error: each disputed entry needs a `question`",
                 ]),
        BadInput(name: "impossible day 2026-02-30",
                 files: ["content/events/bad.md": note("title: Bad\ndate: 2026-02-30")], errors: [
                     "content/events/bad.md:3:7: error: `date` is not a date: \"2026-02-30\" (write YYYY-MM-DD, YYYY-MM or YYYY)",
                 ]),
        BadInput(name: "impossible month 2026-13",
                 files: ["content/events/bad.md": note("title: Bad\ndate: 2026-13")], errors: [
                     "content/events/bad.md:3:7: error: `date` is not a date: \"2026-13\" (write YYYY-MM-DD, YYYY-MM or YYYY)",
                 ]),
        BadInput(name: "empty date",
                 files: ["content/events/bad.md": note("title: Bad\ndate:")], errors: [
                     "content/events/bad.md:3:1: error: required key `date` has no value (write YYYY-MM-DD, YYYY-MM or YYYY)",
                 ]),
        BadInput(name: "null date",
                 files: ["content/events/bad.md": note("title: Bad\ndate: null")], errors: [
                     "content/events/bad.md:3:1: error: required key `date` has no value (write YYYY-MM-DD, YYYY-MM or YYYY)",
                 ]),
        BadInput(name: "quoted empty date",
                 files: ["content/events/bad.md": note("title: Bad\ndate: \"\"")], errors: [
                     "content/events/bad.md:3:7: error: `date` is not a date: \"\" (write YYYY-MM-DD, YYYY-MM or YYYY)",
                 ]),
        BadInput(name: "date in words",
                 files: ["content/events/bad.md": note("title: Bad\ndate: June 2026")], errors: [
                     "content/events/bad.md:3:7: error: `date` is not a date: \"June 2026\" (write YYYY-MM-DD, YYYY-MM or YYYY)",
                 ]),
        BadInput(name: "article published date is not a date",
                 files: ["content/articles/bad.md": note("title: Bad\npublished: yesterday")], errors: [
                     "content/articles/bad.md:3:12: error: `published` is not a date: \"yesterday\" (write YYYY-MM-DD, YYYY-MM or YYYY)",
                 ]),
        BadInput(name: "date_precision finer than the date",
                 files: ["content/events/bad.md": note("title: Bad\ndate: 2026-06\ndate_precision: day")], errors: [
                     "content/events/bad.md:4:1: error: date_precision `day` is finer than the date `2026-06` (a date known to the day must give it)",
                 ]),
        BadInput(name: "unknown date_precision",
                 files: ["content/events/bad.md": note("title: Bad\ndate: 2026-06\ndate_precision: weekly")], errors: [
                     "content/events/bad.md:4:1: error: unknown date_precision `weekly` (use day, month, year or approximate)",
                 ]),
        BadInput(name: "actor without a name",
                 files: ["content/actors/bad.md": note("kind: company")], errors: [
                     "content/actors/bad.md:1:1: error: the actor is missing required key `name` (add `name:` to the front matter)",
                 ]),
        BadInput(name: "event without a title or date",
                 files: ["content/events/bad.md": note("summary: Nothing")], errors: [
                     "content/events/bad.md:1:1: error: the event is missing required key `date` (add `date:` to the front matter)",
                     "content/events/bad.md:1:1: error: the event is missing required key `title` (add `title:` to the front matter)",
                 ]),
        BadInput(name: "business page without a title",
                 files: ["content/business/bad.md": note("audience: [banks]")], errors: [
                     "content/business/bad.md:1:1: error: the business is missing required key `title` (add `title:` to the front matter)",
                 ]),
        BadInput(name: "note with an empty title",
                 files: ["content/notes/bad.md": note("title: \"\"")], errors: [
                     "content/notes/bad.md:2:1: error: note bad.md has an empty `title` (give it a value)",
                 ]),
    ]

    static let references: [BadInput] = [
        BadInput(name: "two files make the same page (slug)",
                 files: ["content/notes/other.md": note("title: Other\nslug: overview")], errors: [
                     "content/notes/overview.md:1:1: error: content/notes/overview.md and content/notes/other.md both make the page /notes/overview/ (rename one file or give it another `slug:`)",
                 ]),
        BadInput(name: "two files make the same page (.md and .txt)",
                 files: ["content/articles/ban-story.txt": "Ban story again\n\nThe same story, pasted as text, with a paragraph long enough to count.\n"],
                 errors: [
                     "content/articles/ban-story.txt:1:1: error: content/articles/ban-story.txt and content/articles/ban-story.md both make the page /articles/ban-story/ (rename one file or give it another `slug:`)",
                 ]),
        BadInput(name: "two actors with one name",
                 files: ["content/actors/twin.md": note("name: Anthropic")], errors: [
                     "content/actors/twin.md:2:1: error: actor name \"Anthropic\" is also a name of content/actors/anthropic.md (links and mentions of it would be ambiguous; rename one or remove the alias)",
                 ]),
        BadInput(name: "an alias shared by two actors",
                 files: ["content/actors/twin.md": note("name: Twin\naliases: [ICO]")], errors: [
                     "content/actors/twin.md:3:1: error: actor alias \"ICO\" is also an alias of content/actors/ico.md (links and mentions of it would be ambiguous; rename one or remove the alias)",
                 ]),
        BadInput(name: "a name that is another actor's alias",
                 files: ["content/actors/twin.md": note("name: Mythos")], errors: [
                     "content/actors/twin.md:2:1: error: actor name \"Mythos\" is also an alias of content/actors/mythos.md (links and mentions of it would be ambiguous; rename one or remove the alias)",
                 ]),
        BadInput(name: "unknown link target with a suggestion",
                 files: ["content/notes/bad.md": note("title: Bad", "About [[Anthropc]].")], errors: [
                     "content/notes/bad.md:4:7: error: unknown link target \"Anthropc\" (did you mean \"Anthropic\"?)",
                 ]),
        BadInput(name: "unknown kind/slug",
                 files: ["content/notes/bad.md": note("title: Bad", "See\n[[events/nope]].")], errors: [
                     "content/notes/bad.md:5:1: error: unknown link target \"events/nope\" (link to a slug, kind/slug (events/ban-imposed) or an actor\'s name)",
                 ]),
        BadInput(name: "an ambiguous name used in a link",
                 files: ["content/actors/twin.md": note("name: Twin\naliases: [Commerce]"),
                         "content/notes/bad.md": note("title: Bad", "Ask [[Commerce]].")], errors: [
                     "content/actors/twin.md:3:1: error: actor alias \"Commerce\" is also an alias of content/actors/commerce.md (links and mentions of it would be ambiguous; rename one or remove the alias)",
                 ]),
        BadInput(name: "unknown actor in front matter",
                 files: ["content/events/bad.md": note("title: Bad\ndate: 2026\nactors: [nobody]")], errors: [
                     "content/events/bad.md:4:1: error: unknown actor \"nobody\" in `actors` (name it by slug, kind/slug or, for an actor, by name or alias)",
                 ]),
        BadInput(name: "sources names an actor",
                 files: ["content/events/bad.md": note("title: Bad\ndate: 2026\nsources: [anthropic]")], errors: [
                     "content/events/bad.md:4:1: error: `sources` names \"anthropic\", which is actor actors/anthropic, not an article (`sources` lists articles (content/articles/))",
                 ]),
        BadInput(name: "affiliation names an unknown actor",
                 files: ["content/actors/bad.md": note("name: Bad\naffiliation: nobody-inc")], errors: [
                     "content/actors/bad.md:3:1: error: unknown actor \"nobody-inc\" in `affiliation` (name it by slug, kind/slug or, for an actor, by name or alias)",
                 ]),
        BadInput(name: "citation of a paragraph that does not exist",
                 files: ["content/notes/bad.md": note("title: Bad", "As [[articles/ban-story#p99]] says.")], errors: [
                     "content/notes/bad.md:4:4: error: no paragraph or heading `#p99` in articles/ban-story (articles/ban-story has 2 paragraphs (#p1 to #p2) and headings #what-this-means-for-your-business)",
                 ]),
        BadInput(name: "citation of paragraph 0",
                 files: ["content/notes/bad.md": note("title: Bad", "As [[articles/ban-story#p0|the story]] says.")], errors: [
                     "content/notes/bad.md:4:4: error: no paragraph or heading `#p0` in articles/ban-story (articles/ban-story has 2 paragraphs (#p1 to #p2) and headings #what-this-means-for-your-business)",
                 ]),
        BadInput(name: "link to a heading that does not exist",
                 files: ["content/notes/bad.md": note("title: Bad", "See [[actors/anthropic#history]].")], errors: [
                     "content/notes/bad.md:4:5: error: no paragraph or heading `#history` in actors/anthropic (actors/anthropic has 1 paragraph (#p1) and no headings)",
                 ]),
        BadInput(name: "link with an empty anchor",
                 files: ["content/notes/bad.md": note("title: Bad", "See [[actors/anthropic#]].")], errors: [
                     "content/notes/bad.md:4:5: error: link to actors/anthropic ends with an empty `#` (name a paragraph (#p1) or a heading after it, or drop the `#`)",
                 ]),
        BadInput(name: "a missing image beside content",
                 files: ["content/notes/bad.md": note("title: Bad", "![Chart](chart.png)")], errors: [
                     "content/notes/bad.md:4:1: error: no file content/notes/chart.png for \"chart.png\" (files beside content are published with their page: put it beside the Markdown file, or fix the path)",
                 ]),
        BadInput(name: "an unknown basis of a dispute's side",
                 files: ["content/events/bad.md": note("title: Bad\ndate: 2026\ndisputed:\n  - question: Q\n    answers:\n      - says: x\n        sources: [ban-story]\n        basis: rumour\n      - says: y\n        sources: [lift-story]")],
                 errors: [
                     "content/events/bad.md:9:16: error: unknown basis `rumour` (use stated (the default: its sources say it), silence (its sources do not mention it) or inference (our own reading))",
                 ]),
        BadInput(name: "a side read from silence names no source",
                 files: ["content/events/bad.md": note("title: Bad\ndate: 2026\ndisputed:\n  - question: Q\n    answers:\n      - says: x\n        sources: [ban-story]\n      - says: y\n        basis: silence")],
                 errors: [
                     "content/events/bad.md:10:16: error: a side read from silence must name the sources that are silent (add `sources: [article-slug]`, or use `basis: inference`)",
                 ]),
        BadInput(name: "an old URL that is another page's",
                 files: ["content/events/partial-lift.md": note("title: Partial lift\ndate: 2026-06-26\nmoved_from: [lift, ban-imposed]")], errors: [
                     "content/events/partial-lift.md:4:20: error: moved_from \"/events/ban-imposed/\" is the URL of a page (content/events/ban-imposed.md) (an old URL must be free: drop it from moved_from, or rename the page that has it now)",
                 ]),
        BadInput(name: "an old URL that is a list page's",
                 files: ["content/notes/bad.md": note("title: Bad\nmoved_from:\n  - /timeline/")], errors: [
                     "content/notes/bad.md:4:5: error: moved_from \"/timeline/\" is the URL of a page (an old URL must be free: drop it from moved_from, or rename the page that has it now)",
                 ]),
        BadInput(name: "an old URL that is the page's own",
                 files: ["content/notes/bad.md": note("title: Bad\nmoved_from: bad")], errors: [
                     "content/notes/bad.md:3:13: error: moved_from \"/notes/bad/\" is this page's own URL (list only the URLs the page had before)",
                 ]),
        BadInput(name: "an old URL given by two files",
                 files: ["content/events/partial-lift.md": note("title: Partial lift\ndate: 2026-06-26\nmoved_from: [/old/]"),
                         "content/notes/bad.md": note("title: Bad\nmoved_from: [old.html, /old]")], errors: [
                     "content/notes/bad.md:3:24: error: moved_from \"/old/\" is also an old URL of content/events/partial-lift.md (an old URL can send readers to one page only: keep it in one file's moved_from)",
                 ]),
        BadInput(name: "an old URL inside a published file",
                 files: ["content/notes/bad.md": note("title: Bad\nmoved_from: [/feed.xml]")], errors: [
                     "content/notes/bad.md:3:14: error: moved_from \"/feed.xml/\" would be a page inside the file /feed.xml the site publishes (drop it from moved_from, or write the old URL as it was, e.g. /feed.xml)",
                 ]),
        BadInput(name: "an old URL that is a folder of another",
                 files: ["content/notes/bad.md": note("title: Bad\nmoved_from: [/x.html/y/, /x.html]")], errors: [
                     "content/notes/bad.md:3:26: error: moved_from \"/x.html\" is a folder of another old URL (keep one of the two)",
                 ]),
        BadInput(name: "an old URL that is not below the site",
                 files: ["content/notes/bad.md": note("title: Bad\nmoved_from: [https://example.org/old/, ../up/, Old Name]")], errors: [
                     "content/notes/bad.md:3:14: error: moved_from \"https://example.org/old/\" is neither a slug nor a URL path below the site (write an old slug (a-z, 0-9, hyphens) or a path such as /notes/old-slug/ or /2026/old.html)",
                     "content/notes/bad.md:3:40: error: moved_from \"../up/\" is neither a slug nor a URL path below the site (write an old slug (a-z, 0-9, hyphens) or a path such as /notes/old-slug/ or /2026/old.html)",
                     "content/notes/bad.md:3:48: error: moved_from \"Old Name\" is neither a slug nor a URL path below the site (write an old slug (a-z, 0-9, hyphens) or a path such as /notes/old-slug/ or /2026/old.html)",
                 ]),
    ]

    static let encodings: [BadInput] = [
        BadInput(name: "invalid UTF-8 in a body",
                 bytes: ["content/notes/bad.md": Array("---\ntitle: Bad\n---\nCaf".utf8) + [0xE9] + Array(" au lait.\n".utf8)],
                 errors: [
                     "content/notes/bad.md:4:4: error: file is not valid UTF-8 text (save it as UTF-8)",
                 ]),
        BadInput(name: "invalid UTF-8 in briefgen.yml",
                 bytes: ["briefgen.yml": Array("title: Caf".utf8) + [0xE9, 0x0A]], errors: [
                     "briefgen.yml:1:11: error: file is not valid UTF-8 text (save it as UTF-8)",
                 ]),
        BadInput(name: "invalid UTF-8 in a sidecar",
                 files: ["content/articles/raw.txt": "Raw headline\n\nA paragraph of the raw article that is long enough to be kept.\n"],
                 bytes: ["content/articles/raw.yml": Array("title: Caf".utf8) + [0xC3, 0x28, 0x0A]], errors: [
                     "content/articles/raw.yml:1:11: error: file is not valid UTF-8 text (save it as UTF-8)",
                 ]),
        BadInput(name: "a binary file named .md",
                 bytes: ["content/notes/bad.md": [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]], errors: [
                     "content/notes/bad.md:1:1: error: file is binary (it holds a NUL byte), not text (content files are text: .md, .txt, .html or .yml)",
                 ]),
        BadInput(name: "a binary file named .txt",
                 bytes: ["content/articles/bad.txt": [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]], errors: [
                     "content/articles/bad.txt:1:5: error: file is binary (it holds a NUL byte), not text (content files are text: .md, .txt, .html or .yml)",
                 ]),
        BadInput(name: "an empty actor file",
                 files: ["content/actors/bad.md": ""], errors: [
                     "content/actors/bad.md:1:1: error: file is empty (an actor starts with front matter: `---`, `name: …`, `---`)",
                 ]),
        BadInput(name: "an empty event file",
                 files: ["content/events/bad.md": ""], errors: [
                     "content/events/bad.md:1:1: error: file is empty (an event starts with front matter: `---`, `title: …`, `date: …`, `---`)",
                 ]),
        BadInput(name: "a note of blank lines",
                 files: ["content/notes/bad.md": "\n\n   \n"], errors: [
                     "content/notes/bad.md:1:1: error: file is empty (a note starts with front matter: `---`, `title: …`, `---`)",
                 ]),
        BadInput(name: "an empty Markdown article",
                 files: ["content/articles/bad.md": ""], errors: [
                     "content/articles/bad.md:1:1: error: file is empty (paste the article\'s text, or write Markdown)",
                 ]),
    ]

    static let templates: [BadInput] = [
        BadInput(name: "a section never closed",
                 files: ["templates/note.mustache": "{{<layout}}{{$main}}{{#note}}<h1>{{title}}</h1>{{/main}}{{/layout}}\n"], errors: [
                     "templates/note.mustache:1:21: error: section `{{#note}}` is never closed (add `{{/note}}` before `{{/main}}` at 1:48)",
                 ]),
        BadInput(name: "a tag never closed",
                 files: ["templates/note.mustache": "{{<layout}}{{$main}}\n<h1>{{note.title</h1>\n{{/main}}{{/layout}}\n"], errors: [
                     "templates/note.mustache:2:5: error: tag `{{note.title` is never closed (end it with `}}` on the same line)",
                 ]),
        BadInput(name: "a close without an open",
                 files: ["templates/note.mustache": "{{<layout}}{{$main}}{{/note}}{{/main}}{{/layout}}\n"], errors: [
                     "templates/note.mustache:1:21: error: `{{/note}}` does not match the open section `{{$main}}` at 1:12 (close it with `{{/main}}` first)",
                 ]),
        BadInput(name: "a missing partial",
                 files: ["templates/note.mustache": "{{<layout}}{{$main}}{{>sidebar}}{{/main}}{{/layout}}\n"], errors: [
                     "templates/note.mustache:1:21: error: template `sidebar` does not exist (create templates/sidebar.mustache)",
                 ]),
        BadInput(name: "a partial that includes itself",
                 files: ["templates/note.mustache": "{{<layout}}{{$main}}{{>loop}}{{/main}}{{/layout}}\n",
                         "templates/loop.mustache": "<p>{{>loop}}</p>\n"], errors: [
                     "templates/loop.mustache:1:4: error: template `loop` includes `loop`, which includes it again: loop → loop (a template cannot include itself, directly or through others)",
                 ]),
        BadInput(name: "an include cycle of two partials",
                 files: ["templates/note.mustache": "{{<layout}}{{$main}}{{>ping}}{{/main}}{{/layout}}\n",
                         "templates/ping.mustache": "{{>pong}}\n", "templates/pong.mustache": "\n{{>ping}}\n"], errors: [
                     "templates/pong.mustache:2:1: error: template `pong` includes `ping`, which includes it again: ping → pong → ping (a template cannot include itself, directly or through others)",
                 ]),
        BadInput(name: "a block inside its own override",
                 files: ["templates/note.mustache": "{{<layout}}{{$main}}<h1>{{note.title}}</h1>{{$main}}x{{/main}}{{/main}}{{/layout}}\n"], errors: [
                     "templates/note.mustache:1:44: error: `{{$main}}` is inside the override of `main` in templates/note.mustache:1:12, which would render it again without end (rename one of the two blocks, or move this one out of the override)",
                 ]),
        BadInput(name: "a variable no page provides",
                 files: ["templates/note.mustache": "{{<layout}}{{$main}}{{note.titel}}{{/main}}{{/layout}}\n"], errors: [
                     "templates/note.mustache:1:21: error: template reads `titel`, which no page provides (did you mean `title`?)",
                 ]),
        BadInput(name: "a parent template that does not exist",
                 files: ["templates/note.mustache": "{{<page}}{{$main}}x{{/main}}{{/page}}\n"], errors: [
                     "templates/note.mustache:1:1: error: template `page` does not exist (did you mean `pager`?)",
                 ]),
    ]

    static let slugs: [BadInput] = [
        BadInput(name: "slug with ../",
                 files: ["content/notes/bad.md": note("title: Bad\nslug: ../../etc")], errors: [
                     "content/notes/bad.md:3:1: error: slug \"../../etc\" may only contain a-z, 0-9 and single hyphens (use \"etc\")",
                 ]),
        BadInput(name: "slug with /",
                 files: ["content/notes/bad.md": note("title: Bad\nslug: a/b")], errors: [
                     "content/notes/bad.md:3:1: error: slug \"a/b\" may only contain a-z, 0-9 and single hyphens (use \"a-b\")",
                 ]),
        BadInput(name: "slug with a NUL",
                 files: ["content/notes/bad.md": note("title: Bad\nslug: \"a\\0b\"")], errors: [
                     "content/notes/bad.md:3:1: error: slug \"a\\u{0}b\" may only contain a-z, 0-9 and single hyphens (use \"a-b\")",
                 ]),
        BadInput(name: "slug with spaces and capitals",
                 files: ["content/notes/bad.md": note("title: Bad\nslug: My Page")], errors: [
                     "content/notes/bad.md:3:1: error: slug \"My Page\" may only contain a-z, 0-9 and single hyphens (use \"my-page\")",
                 ]),
        BadInput(name: "slug that is a reserved device name",
                 files: ["content/notes/bad.md": note("title: Bad\nslug: con")], errors: [
                     "content/notes/bad.md:3:1: error: slug \"con\" is a reserved file name on Windows; the site could not be checked out there (add a word, e.g. \"con-page\")",
                 ]),
        BadInput(name: "file name that is a reserved device name",
                 files: ["content/notes/NUL.md": note("title: Bad")], errors: [
                     "content/notes/NUL.md:1:1: error: the file name makes the slug \"nul\", a reserved file name on Windows (rename the file, or set another `slug:`)",
                 ]),
    ]

    static let config: [BadInput] = [
        BadInput(name: "baseURL that is not a URL",
                 files: ["briefgen.yml": "title: T\nbaseURL: not a url\n"], errors: [
                     "briefgen.yml:2:1: error: `baseURL` must be an absolute URL (http:// or https://) or a path starting with /, not \"not a url\" (e.g. `baseURL: https://example.org/brief/`)",
                 ]),
        BadInput(name: "baseURL without a host",
                 files: ["briefgen.yml": "title: T\nbaseURL: https:///brief/\n"], errors: [
                     "briefgen.yml:2:1: error: `baseURL` must be an absolute URL (http:// or https://) or a path starting with /, not \"https:///brief/\" (e.g. `baseURL: https://example.org/brief/`)",
                 ]),
        BadInput(name: "briefgen.yml with a YAML error",
                 files: ["briefgen.yml": "title: [T\n"], errors: [
                     "briefgen.yml:2:1: error: invalid YAML: did not find expected \',\' or \']\' while parsing a flow sequence (check indentation and quote values that contain `:` or `#`)",
                 ]),
        BadInput(name: "briefgen.yml that is a list",
                 files: ["briefgen.yml": "- title\n"], errors: [
                     "briefgen.yml:1:1: error: briefgen.yml must be a mapping of `key: value` lines (write e.g. `title: My page`)",
                 ]),
        BadInput(name: "home_events that is not a number",
                 files: ["briefgen.yml": "title: T\nhome_events: many\n"], errors: [
                     "briefgen.yml:2:1: error: `home_events` must be a positive number",
                 ]),
        BadInput(name: "a sidecar with broken YAML",
                 files: ["content/articles/raw.txt": "Raw headline\n\nA paragraph of the raw article that is long enough to be kept.\n",
                         "content/articles/raw.yml": "title: [Raw\n"], errors: [
                     "content/articles/raw.yml:2:1: error: invalid YAML: did not find expected \',\' or \']\' while parsing a flow sequence (check indentation and quote values that contain `:` or `#`)",
                 ]),
    ]
}
