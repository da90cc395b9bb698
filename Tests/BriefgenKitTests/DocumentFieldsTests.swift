import Foundation
import Testing
@testable import BriefgenKit

/// `Document.Fields.visitAll` is the one list of a document's fields: every declared field is
/// in it, and every field it visits is kept by the build graph and read by the fingerprint.
@Suite struct DocumentFieldsTests {
    /// Counts the fields visited; sets the one numbered `fill` to a value other than its default.
    struct Filler: DocumentFieldVisitor {
        var fill: Int
        var count = 0

        mutating func next() -> Bool {
            defer { count += 1 }
            return count == fill
        }
        mutating func visit(_ value: inout String?) { if next() { value = "v" } }
        mutating func visit(_ value: inout PartialDate?) {
            if next() { value = PartialDate(year: 2026, month: 6, day: nil, precision: .month, yearStated: true) }
        }
        mutating func visit(_ value: inout [String]) { if next() { value = ["x"] } }
        mutating func visit(_ value: inout Bool) { if next() { value = true } }
        mutating func visit(_ value: inout [BusinessAction]) { if next() { value = [BusinessAction(text: "a", owner: "o")] } }
        mutating func visit(_ value: inout [MarkedFact]) { if next() { value = [MarkedFact(name: "n", value: "v")] } }
        mutating func visit(_ value: inout [Dispute]) {
            if next() { value = [Dispute(question: "q", answers: [Dispute.Answer(says: "s", sources: ["x"])])] }
        }
    }

    func document(_ fields: Document.Fields) -> Document {
        Document(kind: .event, slug: "e", path: "content/events/e.md", title: "E", summary: nil, draft: false, body: "",
                 bodyLine: 3, fields: fields, keyLocations: [:])
    }

    @Test func everyDeclaredFieldIsVisited() {
        var counter = Filler(fill: -1)
        Document.Fields().visitAll(reading: &counter)
        #expect(counter.count == Document.Fields.visitedCount)
        #expect(Mirror(reflecting: Document.Fields()).children.count == Document.Fields.visitedCount)
    }

    @Test func everyFieldIsKeptByTheGraphAndChangesTheFingerprint() throws {
        var base = StableHash()
        base.addMeta(document(Document.Fields()))
        for field in 0..<Document.Fields.visitedCount {
            var fields = Document.Fields()
            var filler = Filler(fill: field)
            try fields.visitAll(&filler)
            #expect(fields != Document.Fields(), "field \(field)")
            let doc = document(fields)
            var writer = BinaryWriter()
            writer.document(doc)
            var reader = BinaryReader(writer.bytes)
            #expect(try reader.document() == doc, "field \(field)")
            var hash = StableHash()
            hash.addMeta(doc)
            #expect(hash.value != base.value, "field \(field)")
        }
    }

    /// The graph keeps a document without its body, and says so: a parsed document whose
    /// body is empty still has one (a body left out was told from an empty one by nothing,
    /// and the build read such a document's file again to render it).
    @Test func aDocumentKeptWithoutItsBodySaysSoAndAnEmptyBodyIsABody() throws {
        let parsed = document(Document.Fields())
        #expect(parsed.hasBody && parsed.body.isEmpty)
        var full = parsed
        full.body = "Text of the note."
        #expect(full.hasBody)
        let stripped = full.withoutBody()
        #expect(!stripped.hasBody && stripped.body.isEmpty)
        #expect(full.hasBody && full.body == "Text of the note.", "the copy it was made from keeps its body")
        var writer = BinaryWriter()
        writer.document(full)
        var reader = BinaryReader(writer.bytes)
        let decoded = try reader.document()
        #expect(!decoded.hasBody)
        #expect(decoded == stripped)
    }
}
