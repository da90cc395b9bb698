import Foundation

/// The timeline as a picture, made at build time: events on a month axis, each a link.
///
/// A date known to the day is a dot at its day; a month-only date a bar across its month; a
/// year-only date a bar across its year; an approximate date a dashed bar one month wider on
/// each side. Disputed events are hatched (not told apart by colour alone). Marks are stacked in
/// lanes so none overlaps another. The SVG has its natural width (one column per month), so at
/// phone width it scrolls inside its frame instead of shrinking its text; the page's list of
/// events beside it is the text equivalent, so the picture is hidden from screen readers and its
/// links are left out of the keyboard order.
public struct TimelineChart: Sendable {
    /// One event to draw.
    public struct Mark: Sendable, Equatable {
        public var title: String
        public var url: String
        public var date: PartialDate
        public var disputed: Bool

        public init(title: String, url: String, date: PartialDate, disputed: Bool) {
            self.title = title
            self.url = url
            self.date = date
            self.disputed = disputed
        }
    }

    /// Width of one month's column, px.
    static let column = 30.0
    /// Height of one lane, px.
    static let lane = 14.0
    /// Space below the lanes for the month axis, px.
    static let axis = 30.0
    /// The narrowest a mark is when lanes are assigned (a dot), px.
    static let minimumWidth = 10.0

    /// A mark placed: its span in months from the first month shown, and its lane.
    struct Placed: Equatable {
        var mark: Mark
        var start: Double
        var end: Double
        var lane: Int
    }

    public let marks: [Mark]
    /// Month names, dates and "disputed" in the site's language.
    public let strings: Strings

    public init(marks: [Mark], strings: Strings = .english) {
        self.marks = marks
        self.strings = strings
    }

    /// Months from year 0: January 2026 is 2026 × 12.
    private static func monthNumber(_ year: Int, _ month: Int) -> Int { year * 12 + month - 1 }

    /// The span a date covers, in months from year 0 (end exclusive).
    static func span(of date: PartialDate) -> (start: Double, end: Double) {
        var start: Double, end: Double
        if let month = date.month, let day = date.day {
            let days = Double(PartialDate.daysIn(month, date.year))
            start = Double(monthNumber(date.year, month)) + Double(day - 1) / days
            end = start + 1 / days
        } else if let month = date.month {
            start = Double(monthNumber(date.year, month))
            end = start + 1
        } else {
            start = Double(monthNumber(date.year, 1))
            end = start + 12
        }
        if date.precision == .approximate {
            start -= 1
            end += 1
        }
        return (start, end)
    }

    /// The months shown (first, count) and each mark's span and lane, in a stable order.
    func layout() -> (first: Int, months: Int, placed: [Placed]) {
        guard !marks.isEmpty else { return (0, 0, []) }
        let spans = marks.map { Self.span(of: $0.date) }
        let first = Int(spans.map(\.start).min()!.rounded(.down))
        let last = Int(spans.map(\.end).max()!.rounded(.up))
        let order = marks.indices.sorted { a, b in
            (spans[a].start, spans[b].end, marks[a].title, marks[a].url) < (spans[b].start, spans[a].end, marks[b].title, marks[b].url)
        }
        // Greedy lane assignment (interval colouring): the first lane whose last mark ended.
        var laneEnds: [Double] = []
        var placed: [Placed] = []
        placed.reserveCapacity(marks.count)
        let minimum = Self.minimumWidth / Self.column
        for i in order {
            let start = spans[i].start - Double(first), end = spans[i].end - Double(first)
            let occupied = (start + end) / 2 + max(end - start, minimum) / 2
            let from = (start + end) / 2 - max(end - start, minimum) / 2
            let lane = laneEnds.firstIndex { $0 <= from } ?? laneEnds.count
            if lane == laneEnds.count { laneEnds.append(occupied) } else { laneEnds[lane] = occupied }
            placed.append(Placed(mark: marks[i], start: start, end: end, lane: lane))
        }
        return (first, last - first, placed)
    }

    /// The chart as an SVG element; `label` names it (it is hidden from screen readers, which
    /// read the list beside it) and `id` prefixes its ids (unique on the page). Empty when there
    /// is nothing to draw.
    public func svg(label: String, id: String = "timeline-chart") -> String {
        let (first, months, placed) = layout()
        guard months > 0 else { return "" }
        let lanes = (placed.map(\.lane).max() ?? 0) + 1
        let width = Double(months) * Self.column
        let plot = Double(lanes) * Self.lane + 6
        let height = plot + Self.axis
        // The year is shown on the axis only when every event's year comes from its sources.
        let showYears = marks.allSatisfy(\.date.yearStated)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart timeline-chart\" width=\"\(SVG.number(width))\" height=\"\(SVG.number(height))\" "
            + "viewBox=\"0 0 \(SVG.number(width)) \(SVG.number(height))\" aria-hidden=\"true\" focusable=\"false\">"
        svg += "<title>\(SVG.escape(label))</title>"
        svg += "<defs><pattern id=\"\(id)-hatch\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
            + "<rect width=\"2\" height=\"4\" class=\"hatch\"/></pattern></defs>"
        // Month columns and the axis.
        svg += "<g class=\"axis\">"
        for m in 0..<months {
            let number = first + m
            let (year, month) = (number / 12, number % 12 + 1)
            let x = Double(m) * Self.column
            if m % 2 == 1 { svg += "<rect class=\"band\" x=\"\(SVG.number(x))\" y=\"0\" width=\"\(SVG.number(Self.column))\" height=\"\(SVG.number(plot))\"/>" }
            svg += "<text x=\"\(SVG.number(x + Self.column / 2))\" y=\"\(SVG.number(plot + 12))\" text-anchor=\"middle\">\(SVG.escape(strings.shortMonth(month)))</text>"
            if showYears, month == 1 || m == 0 {
                svg += "<text class=\"year\" x=\"\(SVG.number(x + 2))\" y=\"\(SVG.number(plot + 25))\">\(year)</text>"
            }
        }
        svg += "<line x1=\"0\" y1=\"\(SVG.number(plot))\" x2=\"\(SVG.number(width))\" y2=\"\(SVG.number(plot))\"/></g>"
        // The marks, each a link titled with the event and its date as the sources give it.
        svg += "<g class=\"marks\">"
        for item in placed {
            let y = Double(item.lane) * Self.lane + 3
            let date = item.mark.date
            var classes = ["mark", date.precision.rawValue]
            if item.mark.disputed { classes.append("disputed") }
            let tip = "\(item.mark.title) — \(strings.date(date))\(item.mark.disputed ? " (\(strings["disputed"]))" : "")"
            svg += "<a href=\"\(SVG.escape(item.mark.url))\" tabindex=\"-1\" class=\"\(classes.joined(separator: " "))\"><title>\(SVG.escape(tip))</title>"
            let fill = item.mark.disputed ? " fill=\"url(#\(id)-hatch)\"" : ""
            if date.precision == .day {
                let cx = (item.start + item.end) / 2 * Self.column
                svg += "<circle cx=\"\(SVG.number(cx))\" cy=\"\(SVG.number(y + Self.lane / 2 - 1))\" r=\"4.5\"\(fill)/>"
            } else {
                let x = item.start * Self.column + 1
                svg += "<rect x=\"\(SVG.number(x))\" y=\"\(SVG.number(y + 1))\" width=\"\(SVG.number((item.end - item.start) * Self.column - 2))\" height=\"\(SVG.number(Self.lane - 4))\" rx=\"3\"\(fill)/>"
            }
            svg += "</a>"
        }
        svg += "</g></svg>"
        return svg
    }
}
