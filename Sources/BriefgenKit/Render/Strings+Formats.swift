/// Text made in code in the site's language: dates at their precision, counts with their
/// plural, and sentences with a value filled in.
extension Strings {
    /// `key` with `{name}` placeholders filled from `values`, in one pass over the text's
    /// bytes (a placeholder inside a filled-in value is left as it is; `{other}` names no value
    /// and stays). Foundation's `replacingOccurrences`, once per value, cost ~25,000
    /// instructions a call: pager links, paged titles and every event's weight use this.
    public func format(_ key: String, _ values: [String: String]) -> String {
        Self.fill(self[key], values)
    }

    /// `text` with each `{name}` whose name is a key of `values` replaced by its value.
    static func fill(_ text: String, _ values: [String: String]) -> String {
        return Text.withUTF8(text) { bytes -> String? in
            guard let first = bytes.firstIndex(of: UInt8(ascii: "{")) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 32)
            var copied = 0
            var index = first
            while index < bytes.count {
                guard bytes[index] == UInt8(ascii: "{"),
                      let close = bytes[(index + 1)...].firstIndex(where: { $0 == UInt8(ascii: "}") || $0 == UInt8(ascii: "{") }),
                      bytes[close] == UInt8(ascii: "}"),
                      let value = values[String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<close]), as: UTF8.self)]
                else {
                    index += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                out.append(contentsOf: value.utf8)
                index = close + 1
                copied = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    /// "1 event", "3 events": `KEY_one` or `KEY_other` with `{n}` filled (French counts 0 as one).
    public func count(_ n: Int, _ key: String) -> String {
        let one = language == "fr" ? n <= 1 : n == 1
        return format(key + (one ? "_one" : "_other"), ["n": String(n)])
    }

    /// A month's name (1…12).
    public func month(_ month: Int) -> String { self["month_\(month)"] }

    /// A month's short name for chart axes (1…12).
    public func shortMonth(_ month: Int) -> String { self["month_short_\(month)"] }

    /// A date at its known precision: "26 June 2026", "June 2026", "2026", "c. June 2026"; without
    /// the year when the sources do not state it ("26 June", "June", "Date not stated").
    public func date(_ date: PartialDate) -> String {
        var text: String
        let year = date.yearStated ? " \(date.year)" : ""
        if let day = date.day, let month = date.month {
            text = "\(day) \(self.month(month))\(year)"
        } else if let month = date.month {
            text = self.month(month) + year
        } else {
            // Nothing of the date is known: "c." would qualify a date that is not there.
            guard date.yearStated else { return self["date_not_stated"] }
            text = "\(date.year)"
        }
        return date.precision == .approximate ? self["approximately"] + " " + text : text
    }

    /// Month name and year, for timeline grouping; nil when the month is not known.
    public func monthLabel(_ date: PartialDate) -> String? {
        date.month.map { self.month($0) + (date.yearStated ? " \(date.year)" : "") }
    }
}
