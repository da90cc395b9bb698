import BriefgenKit
import FuzzDriver
import Foundation

/// Any bytes as names (lines before the first NUL) and a text (the rest): the Aho–Corasick
/// matcher with case folding, acronyms and word boundaries.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMentions(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let split = bytes.firstIndex(of: 0) ?? 0
    let names = String(decoding: bytes[..<split], as: UTF8.self).split(separator: "\n").prefix(64)
    let text = String(decoding: bytes[min(split + 1, size)...], as: UTF8.self)
    let patterns = names.enumerated().map { MentionMatcher.Pattern(text: String($0.element), target: "actors/a\($0.offset % 7)") }
    let matcher = MentionMatcher(patterns)
    let utf8 = Array(text.utf8)
    var covered = 0
    for match in matcher.matches(in: text) {
        // UTF-8 offsets, in order, not overlapping, each on a scalar boundary.
        precondition(match.start >= covered && match.start < match.end && match.end <= utf8.count, "match outside the text")
        precondition(match.start == utf8.count || utf8[match.start] & 0xC0 != 0x80, "match starts inside a scalar")
        precondition(match.end == utf8.count || utf8[match.end] & 0xC0 != 0x80, "match ends inside a scalar")
        covered = match.end
    }
    return 0
}

runFuzzer { fuzzMentions($0, $1) }
