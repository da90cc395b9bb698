/// What the charts share in writing SVG.
enum SVG {
    /// A coordinate with at most one decimal, written the same on every run and machine
    /// (`12`, `12.5`, never `-0` or an exponent).
    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        guard tenths.truncatingRemainder(dividingBy: 10) != 0 else { return String(Int(tenths / 10)) }
        let whole = Int(tenths) / 10, tenth = abs(Int(tenths) % 10)
        return (tenths < 0 && whole == 0 ? "-" : "") + "\(whole).\(tenth)"
    }

    /// Text and attribute values escaped for XML (titles and names come from content).
    static func escape(_ text: String) -> String { SiteFeeds.xmlEscape(text) }
}
