/// The "what changed" page and feed: commits to `content/`, newest first, with the pages they touched.
extension PageReader {
    func changeEntries() -> [LazyObject] {
        (history?.listed(notedOnly: config.changesNotedOnly) ?? []).map { commit in
            LazyObject([
                "date": { ChangeHistory.isoDate(commit.time) }, "subject": { commit.line },
                "id": { "c" + commit.hash.prefix(12) },
                "pages": {
                    commit.files.map { file -> Any in
                        let status = switch file.status {
                        case "A": "added"
                        case "D": "removed"
                        default: "changed"
                        }
                        if file.path == "briefgen.yml" {
                            return ["title": self.strings["status_and_settings"], "url": self.url(""), "status": status] as [String: Any]
                        }
                        if let id = self.document(atPath: file.path) {
                            return ["title": self.title(id), "url": self.documentURL(id), "status": status] as [String: Any]
                        }
                        return ["title": file.path, "url": Absent(), "status": status] as [String: Any]
                    }
                },
            ])
        }
    }

    func changesPage() -> PageThunks {
        [
            "changes": { self.changeEntries() }, "hasChanges": { !self.changeEntries().isEmpty },
            "hasHistory": { self.history != nil },
        ]
    }
}
