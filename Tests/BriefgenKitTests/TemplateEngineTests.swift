import Testing
@testable import BriefgenKit

/// briefgen's Mustache engine (`Render/Template/`): the spec's tags as swift-mustache 2.1.1
/// rendered them, on the kinds of values page contexts hold.
@Suite struct TemplateEngineTests {
    /// Renders `main` (with the other templates as partials) against `context`.
    func render(_ main: String, _ context: Any, partials: [String: String] = [:]) throws -> String {
        var library = TemplateLibrary()
        try library.register(main, named: "main")
        for (name, text) in partials { try library.register(text, named: name) }
        return String(decoding: library.render("main", context), as: UTF8.self)
    }

    @Test func aPageLongerThanTheFirstBufferRendersWhole() throws {
        // 3,000 items of 40 bytes and more: past the 64 KiB a render starts with, grown twice.
        let items = (0..<3000).map { LazyObject(values: ["n": $0, "text": "<item> & more text to fill the page"]) }
        let rendered = try render("{{#items}}{{n}}: {{text}}\n{{/items}}{{^items}}none{{/items}}", LazyObject(["items": { items }]))
        let expected = (0..<3000).map { "\($0): &lt;item&gt; &amp; more text to fill the page\n" }.joined()
        #expect(rendered.utf8.count > 1 << 17)
        #expect(rendered == expected)
        #expect(try render("{{#items}}x{{/items}}{{^items}}none{{/items}}", LazyObject(["items": { [LazyObject]() }])) == "none")
        #expect(try render("", LazyObject([:])) == "")
    }

    /// A table of people, each row a name and a list of pets (rows of another table).
    final class People: TemplateRows {
        let names: [String], pets: [[String]]
        var reads: [String] = []

        init(_ people: [(String, [String])]) {
            (names, pets) = (people.map(\.0), people.map(\.1))
            super.init(count: people.count, keys: ["name", "pets", "hasPets"])
        }

        override func value(row: Int, named name: String) -> TemplateValue? {
            reads.append("\(row).\(name)")
            switch name {
            case "name": return .text(names[row])
            case "pets": return .rows(Pets(pets[row]))
            case "hasPets": return .flag(!pets[row].isEmpty)
            default: return nil
            }
        }
    }

    final class Pets: TemplateRows {
        let names: [String]

        init(_ names: [String]) {
            self.names = names
            super.init(count: names.count, keys: ["pet"])
        }

        override func value(row: Int, named name: String) -> TemplateValue? {
            name == "pet" ? .text(names[row]) : nil
        }
    }

    @Test func rowsOfATableAreListItemsReadInPlace() throws {
        let people = People([("Ann & Bo", ["cat", "<dog>"]), ("Cy", [])])
        let page = LazyObject(["people": { TemplateValue.rows(people) }, "nobody": { TemplateValue.rows(People([])) },
                               "site": { "Brief" }])
        // Names a row lacks are found up the stack; a row's lists are sections of their own.
        let text = "{{#people}}{{name}} ({{site}}):{{#pets}} {{pet}}/{{name}}{{/pets}}{{^pets}} none{{/pets}};{{/people}}"
        #expect(try render(text, page) == "Ann &amp; Bo (Brief): cat/Ann &amp; Bo &lt;dog&gt;/Ann &amp; Bo;Cy (Brief): none;")
        // A row's values are computed when read: a value the template does not show is never asked.
        #expect(!people.reads.isEmpty && !people.reads.contains { $0.hasSuffix(".hasPets") })
        #expect(try render("{{#nobody}}x{{/nobody}}{{^nobody}}empty{{/nobody}}", page) == "empty")
        #expect(try render("{{#people}}{{#hasPets}}{{name}}{{/hasPets}}{{/people}}", page) == "Ann &amp; Bo")
        // One function for a whole list: rows of one shape without a class of their own.
        let squares = ComputedRows(count: 3, keys: ["n", "square"]) { row, key in
            key == "n" ? .number(row) : key == "square" ? .number(row * row) : nil
        }
        #expect(try render("{{#squares}}{{n}}²={{square}} {{/squares}}", LazyObject(["squares": { TemplateValue.rows(squares) }]))
                == "0²=0 1²=1 2²=4 ")
        // Rows given in an optional (not an exact type) are still rows.
        let maybe = LazyObject(["people": { Optional(TemplateValue.rows(people)) as Any }])
        #expect(try render("{{#people}}[{{name}}]{{/people}}", maybe) == "[Ann &amp; Bo][Cy]")
        // For the variable check a row is an object with the table's keys; an empty table's
        // keys count too (a template may read them on a site where the list has items).
        var keys = Set<String>()
        contextKeys(page, into: &keys)
        #expect(keys.isSuperset(of: ["people", "name", "pets", "hasPets", "pet", "nobody", "site"]))
        var emptyKeys = Set<String>()
        contextKeys(LazyObject(["none": { TemplateValue.rows(ComputedRows(count: 0, keys: ["lonely"]) { _, _ in nil }) }]),
                    into: &emptyKeys)
        #expect(emptyKeys == ["none", "lonely"])
    }

    func failure(_ text: String) -> TemplateParser.Failure? {
        do {
            _ = try TemplateParser.compile(text)
            return nil
        } catch {
            return error
        }
    }

    let page = LazyObject([
        "title": { "Tom & Jerry's <b>\"show\"</b>" },
        "site": { LazyObject(["title": { "Brief" }, "base": { "/b/" }]) },
        "items": { [LazyObject(["title": { "one" }, "n": { 1 }]), ["title": "two", "n": 2] as [String: Any]] as [Any] },
        "none": { [] as [Any] }, "yes": { true }, "no": { false }, "absent": { Absent() },
        "count": { 3 }, "words": { ["a", "b"] },
        "nested": { ["inner": ["deep": "found"] as [String: Any]] as [String: Any] },
    ])

    @Test func escapesVariablesButNotTripleOrAmpersandTags() throws {
        #expect(try render("{{title}}", page) == "Tom &amp; Jerry&#39;s &lt;b&gt;&quot;show&quot;&lt;/b&gt;")
        #expect(try render("{{{title}}}|{{& title}}", page)
                == "Tom & Jerry's <b>\"show\"</b>|Tom & Jerry's <b>\"show\"</b>")
        #expect(try render("{{count}} {{yes}} {{no}} [{{absent}}] [{{missing}}]", page) == "3 true false [] []")
    }

    @Test func dottedNamesSearchTheStackForTheFirstComponentOnly() throws {
        #expect(try render("{{nested.inner.deep}}", page) == "found")
        // `site` is found up the stack from inside an item; `title` in the item itself.
        #expect(try render("{{#items}}{{title}}@{{site.base}} {{/items}}", page) == "one@/b/ two@/b/ ")
        // The rest of a dotted name is looked up only inside what the first part found.
        #expect(try render("{{#nested}}[{{inner.title}}]{{/nested}}", page) == "[]")
        // `.name` reads the current object only.
        #expect(try render("{{#items}}[{{.site}}]{{/items}}", page) == "[][]")
        #expect(try render("{{#words}}<{{.}}>{{/words}}", page) == "<a><b>")
    }

    @Test func sectionsOverArraysBooleansObjectsAndFalsyValues() throws {
        #expect(try render("{{#items}}{{n}}{{/items}}", page) == "12")
        #expect(try render("{{#none}}x{{/none}}{{^none}}empty{{/none}}", page) == "empty")
        #expect(try render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}n{{/no}}", page) == "Yn")
        #expect(try render("{{#absent}}A{{/absent}}{{^absent}}a{{/absent}}", page) == "a")
        #expect(try render("{{#missing}}M{{/missing}}{{^missing}}m{{/missing}}", page) == "m")
        // A non-empty value is pushed: inside `{{#site}}`, `title` is the site's.
        #expect(try render("{{#site}}{{title}}{{/site}}", page) == "Brief")
        // Numbers (even 0) and strings are truthy and pushed.
        #expect(try render("{{#count}}[{{.}}]{{/count}}", page) == "[3]")
        #expect(try render("{{^count}}no{{/count}}", ["count": 0] as [String: Any]) == "")
    }

    @Test func standaloneTagLinesAreRemoved() throws {
        let text = "<ul>\n  {{#items}}\n  <li>{{title}}</li>\n  {{/items}}\n  {{! a comment }}\n</ul>\n"
        #expect(try render(text, page) == "<ul>\n  <li>one</li>\n  <li>two</li>\n</ul>\n")
        // Not standalone when anything else is on the line.
        #expect(try render("a {{#yes}}\nb\n{{/yes}} c\n", page) == "a \nb\n c\n")
        #expect(try render("{{^no}}\r\nx\r\n{{/no}}\r\n", page) == "x\r\n")
    }

    @Test func standalonePartialsAreIndentedLineByLine() throws {
        let partials = ["item": "<b>{{title}}</b>\n<i>{{n}}</i>\n"]
        #expect(try render("<div>\n  {{>item}}\n</div>\n", ["title": "T", "n": 1] as [String: Any], partials: partials)
                == "<div>\n  <b>T</b>\n  <i>1</i>\n</div>\n")
        // Inline partials are not indented.
        #expect(try render("x {{>item}}", ["title": "T", "n": 1] as [String: Any], partials: partials)
                == "x <b>T</b>\n<i>1</i>\n")
        // A missing partial renders nothing.
        #expect(try render("[{{>nothing}}]", page) == "[]")
    }

    /// swift-mustache indented a node's output as a whole: a section's later items in an
    /// indented partial start unindented. Kept, so existing sites render the same bytes.
    @Test func aSectionInAnIndentedPartialIsIndentedAsOneNode() throws {
        let partials = ["list": "{{#items}}<b>{{title}}</b>\n{{/items}}<i>end</i>\n"]
        #expect(try render("<div>\n  {{>list}}\n</div>\n", page, partials: partials)
                == "<div>\n  <b>one</b>\n<b>two</b>\n  <i>end</i>\n</div>\n")
    }

    @Test func inheritanceOverridesBlocksAndKeepsDefaults() throws {
        let partials = [
            "layout": "<title>{{$title}}Default{{/title}}</title>\n{{$main}}{{/main}}\n<footer>{{$footer}}F{{/footer}}</footer>\n",
            "section": "{{<layout}}{{$main}}<section>{{$body}}none{{/body}}</section>{{/main}}{{/layout}}",
        ]
        #expect(try render("{{<layout}}\n{{$title}}Mine{{/title}}\n{{$main}}\n<p>{{site.title}}</p>\n{{/main}}\n{{/layout}}\n",
                           page, partials: partials)
                == "<title>Mine</title>\n<p>Brief</p>\n\n<footer>F</footer>\n")
        // A block nested in an override is itself overridden by the outermost template.
        #expect(try render("{{<section}}{{$body}}<p>mine</p>{{/body}}{{$title}}T{{/title}}{{/section}}", page, partials: partials)
                == "<title>T</title>\n<section><p>mine</p></section>\n<footer>F</footer>\n")
        #expect(try render("{{<section}}{{/section}}", page, partials: partials)
                == "<title>Default</title>\n<section>none</section>\n<footer>F</footer>\n")
    }

    @Test func setDelimiterTagsChangeTheTagsThatFollow() throws {
        #expect(try render("{{=<% %>=}}\n<%title%> {{title}} <%={{ }}=%>{{site.title}}", page)
                == "Tom &amp; Jerry&#39;s &lt;b&gt;&quot;show&quot;&lt;/b&gt; {{title}} Brief")
        #expect(try render("{{=| |=}}|#yes|ok|/yes|", page) == "ok")
    }

    @Test func transformsPragmasAndDynamicPartialsAreLocatedErrors() {
        let transform = failure("a\n<b>{{uppercased(title)}}</b>")
        #expect(transform?.message == "`uppercased(title)` applies a transform, which briefgen's templates do not support")
        #expect(transform?.hint == "read the value as it is, e.g. `title`")
        #expect(transform.map { TemplateParser.location(of: $0.position, in: "a\n<b>{{uppercased(title)}}</b>") }.map { [$0.line, $0.column] } == [2, 4])
        #expect(failure("{{% CONTENT_TYPE: TEXT }}")?.message.contains("pragmas") == true)
        #expect(failure("{{>*name}}")?.message.contains("dynamic partials") == true)
        #expect(failure("{{#a}}x") != nil)
        #expect(failure("{{=<%=}}") != nil)
    }

    @Test func syntaxErrorsInATemplateSetNameFileLineAndColumn() {
        let (_, diagnostics) = TemplateSet.make(overrides: ["note": ("templates/note.mustache", "one\ntwo {{ upper(page.title) }}\n")])
        let error = diagnostics.first { $0.severity == .error && $0.location.file == "templates/note.mustache" }
        #expect(error?.location == SourceLocation(file: "templates/note.mustache", line: 2, column: 5))
        #expect(error?.message == "template syntax error: `upper(page.title)` applies a transform, which briefgen's templates do not support")
    }
}
