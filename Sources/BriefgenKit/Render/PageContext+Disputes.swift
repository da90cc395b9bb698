/// Contexts of disputes: each event's questions, the disputes page, where the sources differ,
/// and what rests on a single source.
extension PageReader {
    func disputeQuestions(_ id: String) -> [Any] {
        disputes(id).map { dispute -> Any in
            ["question": dispute.question, "id": Self.disputeAnchor(event: id, question: dispute.question),
             "answers": dispute.answers.map { answer -> Any in
                let sources = refs(answer.sources, kind: .article)
                // A side read from silence or inferred is never weighed as if a source said it.
                let count = answer.basis == .stated ? distinctSources(answer.sources) : 0
                return ["says": answer.says, "sources": sources, "singleSource": count == 1,
                        "stated": answer.basis == .stated, "basis": answer.basis.rawValue,
                        "basisLabel": optional(basisLabel(answer.basis, hasSources: !sources.isEmpty)),
                        "weight": answer.basis == .stated ? weight(count) : basisText(answer)] as [String: Any]
            }] as [String: Any]
        }
    }

    /// What a side that its sources do not state rests on, said before its sources: "inferred
    /// from the silence of", "our inference from", "our inference"; nil for a stated side.
    func basisLabel(_ basis: Dispute.Basis, hasSources: Bool) -> String? {
        switch basis {
        case .stated: nil
        case .silence: strings["basis_silence"]
        case .inference: strings[hasSources ? "basis_inference_from" : "basis_inference"]
        }
    }

    /// The same with the sources named, for a line of plain text: "inferred from the silence
    /// of UK denial ¶2".
    func basisText(_ answer: Dispute.Answer) -> String {
        let names = answer.sources.compactMap { name -> String? in
            guard let (id, fragment) = resolve(name), kind(id) == .article, exists(id) else { return nil }
            return short(id) + (fragment.map { MarkdownRenderer.isParagraphID($0) ? " ¶" + $0.dropFirst() : "" } ?? "")
        }
        let label = basisLabel(answer.basis, hasSources: !names.isEmpty) ?? ""
        return names.isEmpty ? label : label + " " + names.joined(separator: ", ")
    }

    /// Facts marked on several events or sources (`facts:`) whose values differ: each value with
    /// the events giving it and their sources, and the sources giving it themselves. Names and
    /// values match without regard to case and spacing.
    func differingFacts() -> [Any] {
        func key(_ text: String) -> String { Text.collapseWhitespace(text).lowercased() }
        var order: [String] = []
        var byFact: [String: (name: String, values: [(value: String, events: [String])])] = [:]
        for id in factHolders {
            for fact in meta(id).fields.facts {
                let name = key(fact.name)
                if byFact[name] == nil { order.append(name); byFact[name] = (fact.name, []) }
                if let at = byFact[name]!.values.firstIndex(where: { key($0.value) == key(fact.value) }) {
                    byFact[name]!.values[at].events.append(id)
                } else {
                    byFact[name]!.values.append((fact.value, [id]))
                }
            }
        }
        return order.compactMap { name -> Any? in
            let fact = byFact[name]!
            guard fact.values.count > 1 else { return nil }
            return ["fact": fact.name, "values": fact.values.map { value -> Any in
                ["value": value.value, "events": value.events.map { giver -> Any in
                    // A source that gives the value itself is listed as the source it is.
                    guard kind(giver) == .event else {
                        return ["event": ref(giver), "sources": [Any](), "hasSources": false] as [String: Any]
                    }
                    let sources = refs(meta(giver).fields.sources, kind: .article)
                    return ["event": eventRef(giver), "sources": sources, "hasSources": !sources.isEmpty] as [String: Any]
                }] as [String: Any]
            }] as [String: Any]
        }
    }

    /// Events and sides of disputes that rest on one source, for the site-wide view (sides
    /// no source states are listed apart, by `unstatedSides`).
    func singleSourced() -> [Any] {
        timeline.compactMap { id -> Any? in
            let fields = meta(id).fields
            let eventSources = refs(fields.sources, kind: .article)
            let eventSingle = distinctSources(fields.sources) == 1
            let sides = (fields.disputed.isEmpty ? [] : disputes(id)).flatMap { dispute in
                dispute.answers.compactMap { answer -> Any? in
                    let sources = refs(answer.sources, kind: .article)
                    guard answer.basis == .stated, distinctSources(answer.sources) == 1 else { return nil }
                    return ["question": dispute.question, "says": answer.says, "source": sources[0],
                            "url": disputeURL(event: id, question: dispute.question)] as [String: Any]
                }
            }
            guard eventSingle || !sides.isEmpty else { return nil }
            return ["event": eventRef(id), "eventSingle": eventSingle, "source": eventSources.first ?? Absent(),
                    "sides": sides, "hasSides": !sides.isEmpty] as [String: Any]
        }
    }

    /// Sides of disputes that no source states (read from a source's silence, or our own
    /// inference), by event, for the site-wide view beside what rests on a single source.
    func unstatedSides() -> [Any] {
        timeline.compactMap { id -> Any? in
            guard !meta(id).fields.disputed.isEmpty else { return nil }
            let sides = disputes(id).flatMap { dispute in
                dispute.answers.compactMap { answer -> Any? in
                    guard answer.basis != .stated else { return nil }
                    let sources = refs(answer.sources, kind: .article)
                    return ["question": dispute.question, "says": answer.says, "sources": sources, "basis": answer.basis.rawValue,
                            "basisLabel": optional(basisLabel(answer.basis, hasSources: !sources.isEmpty)),
                            "url": disputeURL(event: id, question: dispute.question)] as [String: Any]
                }
            }
            return sides.isEmpty ? nil : ["event": eventRef(id), "sides": sides] as [String: Any]
        }
    }

    /// Page `number` of the disputes: the disputed events on it; where the sources differ and
    /// what rests on a single source follow on the last page.
    func disputesPage(_ number: Int) -> PageThunks {
        let items = once {
            self.listItems(.disputes, page: number).compactMap { id -> Any? in
                guard !self.meta(id).fields.disputed.isEmpty else { return nil }
                return [
                    "event": LazyObject([
                        "title": { self.title(id) }, "url": { self.documentURL(id) },
                        "slug": { String(id.split(separator: "/")[1]) },
                        "date": { self.meta(id).fields.date.map(self.strings.date) ?? self.strings["undated"] },
                    ]),
                    "questions": self.disputeQuestions(id),
                ] as [String: Any]
            }
        }
        let last = once { number >= self.pageCount(.disputes) }
        let single = once { last() ? self.singleSourced() : [] }
        let unstated = once { last() ? self.unstatedSides() : [] }
        let differing = once { last() ? self.differingFacts() : [] }
        return ["items": items, "hasItems": { !items().isEmpty }, "singleSourced": single, "hasSingleSourced": { !single().isEmpty },
                "unstated": unstated, "hasUnstated": { !unstated().isEmpty },
                "hasSingleOrUnstated": { !single().isEmpty || !unstated().isEmpty },
                "differing": differing, "hasDiffering": { !differing().isEmpty }]
    }
}
