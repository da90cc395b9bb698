/// A date known to the day, the month or only the year, possibly approximate.
public struct PartialDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// How precisely a date is known; the timeline never shows more than this.
    public enum Precision: String, Sendable, Hashable, CaseIterable {
        case day, month, year, approximate
    }

    public var year: Int
    public var month: Int?
    public var day: Int?
    public var precision: Precision
    /// False when no source gives the year (`year_stated: false` on an event): the year is the
    /// analysts' assumption, kept for ordering and feeds but never shown as the sources' date.
    public var yearStated = true

    public init(year: Int, month: Int? = nil, day: Int? = nil, precision: Precision? = nil, yearStated: Bool = true) {
        self.year = year
        self.month = month
        self.day = day
        self.precision = precision ?? (day != nil ? .day : month != nil ? .month : .year)
        self.yearStated = yearStated
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; nil when the text is not such a date.
    /// Read as UTF-8 bytes: a date is ASCII once trimmed (any other character fails `Int`),
    /// and only text with other than ASCII bytes is trimmed by Foundation.
    public init?(parsing text: String) {
        var text = text
        if !text.utf8.allSatisfy({ $0 < 0x80 }) {
            text = text.trimmingCharacters(in: .whitespaces)
            guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        }
        let parsed: (year: Int, month: Int?, day: Int?)? = text.withUTF8 { bytes in
            // ASCII white space in `.whitespaces`: space and tab.
            var start = 0, end = bytes.count
            while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
            var parts: [Range<Int>] = []
            var from = start
            for index in start..<end where bytes[index] == 0x2D {  // -
                parts.append(from..<index)
                from = index + 1
                if parts.count == 3 { return nil }
            }
            parts.append(from..<end)
            // `Int` of a part: an optional `+`, then digits.
            func number(_ part: Range<Int>, length: Int) -> Int? {
                guard part.count == length else { return nil }
                var digits = part.lowerBound
                if bytes[digits] == 0x2B { digits += 1 }
                guard digits < part.upperBound else { return nil }
                var value = 0
                for index in digits..<part.upperBound {
                    guard bytes[index] &- 0x30 < 10 else { return nil }
                    value = value * 10 + Int(bytes[index] &- 0x30)
                }
                return value
            }
            guard let year = number(parts[0], length: 4) else { return nil }
            var month: Int?, day: Int?
            if parts.count >= 2 {
                guard let m = number(parts[1], length: 2), (1...12).contains(m) else { return nil }
                month = m
            }
            if parts.count == 3 {
                guard let d = number(parts[2], length: 2), (1...PartialDate.daysIn(month!, year)).contains(d) else { return nil }
                day = d
            }
            return (year, month, day)
        }
        guard let parsed else { return nil }
        self.init(year: parsed.year, month: parsed.month, day: parsed.day)
    }

    static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    /// `YYYY-MM-DD` / `YYYY-MM` / `YYYY` as written.
    public var iso: String {
        var s = String(format4(year))
        if let month { s += "-" + pad2(month) }
        if let day { s += "-" + pad2(day) }
        return s
    }

    /// A full timestamp for feeds, which must give one: a day known to the day is stamped at its
    /// start; a month-only or year-only date at the last second of its period (`2026-06` →
    /// `2026-06-30T23:59:59Z`), so a feed never puts a month-only event on the 1st as if that
    /// were its day, and orders it after the dated days of its month as the timeline does.
    public var rfc3339: String {
        guard let month else { return "\(format4(year))-12-31T23:59:59Z" }
        guard let day else { return "\(format4(year))-\(pad2(month))-\(pad2(Self.daysIn(month, year)))T23:59:59Z" }
        return "\(format4(year))-\(pad2(month))-\(pad2(day))T00:00:00Z"
    }

    /// Human form at the known precision, in English ("26 June 2026", "c. June 2026"); pages
    /// use the site's language (`Strings.date`).
    public var display: String { Strings.english.date(self) }

    /// Month name and year, in English, for timeline grouping (nil when the month is unknown).
    public var monthLabel: String? { Strings.english.monthLabel(self) }

    public var description: String { iso }

    public static func < (a: PartialDate, b: PartialDate) -> Bool {
        // A date known only to the month sorts after the days of that month, a year-only date
        // after the months of its year (as on the timeline).
        (a.year, a.month ?? 13, a.day ?? 32) < (b.year, b.month ?? 13, b.day ?? 32)
    }

    private func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    private func format4(_ n: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}

import Foundation
