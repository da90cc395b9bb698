/// Diagnostics as GitHub Actions workflow commands, so they show on the changed line of a commit.
extension Diagnostic {
    /// `::error file=content/x.md,line=8,col=9,title=briefgen::message (hint)`
    public var githubAnnotation: String {
        var properties = ["file=\(Self.escapeProperty(location.file))"]
        if location.line > 0 { properties.append("line=\(location.line)") }
        if location.column > 0 { properties.append("col=\(location.column)") }
        properties.append("title=briefgen")
        let text = message + (hint.map { " (\($0))" } ?? "")
        return "::\(severity == .error ? "error" : "warning") \(properties.joined(separator: ","))::\(Self.escapeData(text))"
    }

    /// Escaping of a workflow command's message.
    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escaping of a workflow command's property value.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
