import Foundation
import Testing
@testable import BriefgenKit

/// Inputs that crashed or hung a fuzz target (`Fuzz/`, `scripts/fuzz.sh`), kept as tests.
@Suite struct FuzzRegressionTests {
    @Test func deeplyNestedHTMLKeepsItsTextWithoutOverflowingTheStack() {
        // 100,000 nested elements overflowed the stack in every recursive walk of the tree, and once
        // that was bounded, took minutes in walks that were quadratic in depth.
        for tag in ["div", "span"] {
            let html = "<html><body><article><h1>Deep</h1>" + String(repeating: "<\(tag)>", count: 100_000)
                + "<p>The text at the bottom of the nesting.</p>" + String(repeating: "</\(tag)>", count: 100_000)
                + "</article></body></html>"
            let article = HTMLExtract.extract(html)
            #expect(article.title == "Deep")
            #expect(article.blocks.map(\.text).joined(separator: " ").contains("The text at the bottom of the nesting."))
        }
    }
}
