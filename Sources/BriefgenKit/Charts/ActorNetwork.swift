import Foundation

/// Who is tied to whom, as a picture made at build time: actors joined by the documents that
/// mention both and the events they share, laid out without randomness (the same input gives
/// the same picture, byte for byte), node size by mentions, edge width by strength, every node
/// a link. `whole` draws the network (the actors index); `neighbourhood` one actor and its
/// strongest ties (an actor's page).
///
/// Hand-written: no layout library is in the package mirror, and a force layout over a few
/// hundred nodes is a page of arithmetic. Determinism comes from sorted input, a spiral start
/// (no random numbers), a fixed number of steps, and coordinates rounded to a tenth.
public struct ActorNetwork: Sendable {
    /// One actor.
    public struct Node: Sendable, Equatable {
        public var id: String
        public var name: String
        public var url: String
        /// Documents mentioning it: decides its size.
        public var weight: Int
        /// What is written beside it (a short name), the full name being its tooltip.
        public var label: String

        public init(id: String, name: String, url: String, weight: Int, label: String? = nil) {
            self.id = id
            self.name = name
            self.url = url
            self.weight = weight
            self.label = label ?? name
        }
    }

    /// A tie between two actors: how many documents mention both plus how many events list both.
    public struct Edge: Sendable, Equatable {
        public var a: String
        public var b: String
        public var strength: Int

        public init(a: String, b: String, strength: Int) {
            (self.a, self.b) = a < b ? (a, b) : (b, a)
            self.strength = strength
        }
    }

    /// Side of the square the whole network is drawn in, px.
    static let size = 640.0
    /// Nodes whose names are written on the whole network (the others have them as tooltips).
    static let labelled = 40
    /// Ties kept per actor in the whole network (its strongest), so 300 actors stay legible.
    static let tiesPerNode = 3
    /// Neighbours drawn around an actor on its page.
    static let neighbours = 12

    public let nodes: [Node]
    public let edges: [Edge]
    /// The tooltips' words in the site's language.
    public let strings: Strings

    /// Nodes sorted by weight then id, and ties between known nodes, merged and sorted.
    public init(nodes: [Node], edges: [Edge], strings: Strings = .english) {
        self.strings = strings
        self.nodes = nodes.sorted { ($1.weight, $0.id) < ($0.weight, $1.id) }
        let known = Set(nodes.map(\.id))
        var merged: [String: Edge] = [:]
        for edge in edges where edge.a != edge.b && known.contains(edge.a) && known.contains(edge.b) && edge.strength > 0 {
            merged[edge.a + "\u{0}" + edge.b, default: Edge(a: edge.a, b: edge.b, strength: 0)].strength += edge.strength
        }
        self.edges = merged.values.sorted { ($1.strength, $0.a, $0.b) < ($0.strength, $1.a, $1.b) }
    }

    /// The ties drawn on the whole network: each actor's strongest few, strongest first.
    func keptEdges() -> [Edge] {
        var count: [String: Int] = [:]
        var kept: [Edge] = []
        for edge in edges where count[edge.a, default: 0] < Self.tiesPerNode || count[edge.b, default: 0] < Self.tiesPerNode {
            kept.append(edge)
            count[edge.a, default: 0] += 1
            count[edge.b, default: 0] += 1
        }
        return kept
    }

    /// Positions in the unit square for `nodes` joined by `edges`: a force layout
    /// (Fruchterman–Reingold) from a golden-angle spiral, 200 cooling steps.
    static func forceLayout(_ nodes: [Node], _ edges: [Edge]) -> [(x: Double, y: Double)] {
        let count = nodes.count
        guard count > 1 else { return Array(repeating: (0.5, 0.5), count: count) }
        let index = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1.id, $0) })
        var x = [Double](repeating: 0, count: count), y = x
        for i in 0..<count {
            let radius = 0.45 * (Double(i) + 0.5).squareRoot() / Double(count).squareRoot()
            let angle = Double(i) * 2.399963229728653  // the golden angle
            x[i] = 0.5 + radius * cos(angle)
            y[i] = 0.5 + radius * sin(angle)
        }
        let links = edges.compactMap { edge -> (Int, Int, Double)? in
            guard let a = index[edge.a], let b = index[edge.b] else { return nil }
            return (a, b, log2(Double(edge.strength) + 1))
        }
        let k = (1.0 / Double(count)).squareRoot()
        var temperature = 0.1
        for _ in 0..<200 {
            var dx = [Double](repeating: 0, count: count), dy = dx
            // Every pair repels with k²/d along their line: (dx, dy)·k²/d², no square root (the
            // actors index draws every actor: some 55,000 pairs a step).
            for i in 0..<count {
                let (xi, yi) = (x[i], y[i])
                var (sumX, sumY) = (0.0, 0.0)
                for j in (i + 1)..<count {
                    var ddx = xi - x[j], ddy = yi - y[j]
                    var squared = ddx * ddx + ddy * ddy
                    if squared < 1e-18 {
                        (ddx, ddy, squared) = (1e-3 * Double(i - j), 1e-3, 1e-6)
                    }
                    let factor = k * k / squared
                    sumX += ddx * factor; sumY += ddy * factor
                    dx[j] -= ddx * factor; dy[j] -= ddy * factor
                }
                dx[i] += sumX; dy[i] += sumY
            }
            for (a, b, weight) in links {
                let ddx = x[a] - x[b], ddy = y[a] - y[b]
                let distance = max((ddx * ddx + ddy * ddy).squareRoot(), 1e-9)
                let force = distance * distance / k * weight
                dx[a] -= ddx / distance * force; dy[a] -= ddy / distance * force
                dx[b] += ddx / distance * force; dy[b] += ddy / distance * force
            }
            for i in 0..<count {
                // A weak pull to the centre keeps unconnected actors on the picture.
                dx[i] += (0.5 - x[i]) * 0.05
                dy[i] += (0.5 - y[i]) * 0.05
                let length = max((dx[i] * dx[i] + dy[i] * dy[i]).squareRoot(), 1e-9)
                let step = min(length, temperature)
                x[i] += dx[i] / length * step
                y[i] += dy[i] / length * step
            }
            temperature *= 0.975
        }
        // Scaled into the square with a margin.
        let (minX, maxX, minY, maxY) = (x.min()!, x.max()!, y.min()!, y.max()!)
        let scale = 1 / max(maxX - minX, maxY - minY, 1e-9)
        return (0..<count).map { i in
            (0.04 + 0.92 * (x[i] - minX) * scale, 0.04 + 0.92 * (y[i] - minY) * scale)
        }
    }

    /// The whole network as an SVG element named by `label`.
    public func whole(label: String) -> String {
        guard !nodes.isEmpty else { return "" }
        let ties = keptEdges()
        let positions = Self.forceLayout(nodes, ties)
        let place = Dictionary(uniqueKeysWithValues: zip(nodes.map(\.id), positions))
        return draw(label: label, edges: ties, place: place, labelled: Set(nodes.prefix(Self.labelled).map(\.id)), focus: nil)
    }

    /// An actor and its strongest ties as an SVG element named by `label`; empty when the actor
    /// has no ties.
    public func neighbourhood(of id: String, label: String) -> String {
        guard let center = nodes.first(where: { $0.id == id }) else { return "" }
        let ties = edges.filter { $0.a == id || $0.b == id }.prefix(Self.neighbours)
        guard !ties.isEmpty else { return "" }
        let others = ties.map { $0.a == id ? $0.b : $0.a }
        var place: [String: (x: Double, y: Double)] = [center.id: (0.5, 0.5)]
        for (rank, other) in others.enumerated() {
            // Strongest at the top, then clockwise.
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(rank) / Double(others.count)
            place[other] = (0.5 + 0.36 * cos(angle), 0.5 + 0.36 * sin(angle))
        }
        // The actor's ties, and each neighbour's two strongest ties to another neighbour.
        let members = Set(place.keys)
        var drawn = Array(ties)
        var count: [String: Int] = [:]
        for edge in edges where edge.a != id && edge.b != id && members.contains(edge.a) && members.contains(edge.b)
            && (count[edge.a, default: 0] < 2 || count[edge.b, default: 0] < 2) {
            drawn.append(edge)
            count[edge.a, default: 0] += 1
            count[edge.b, default: 0] += 1
        }
        return draw(label: label, edges: drawn, place: place, labelled: members, focus: id)
    }

    static func radius(_ node: Node, maxWeight: Double) -> Double { 3 + 11 * (Double(node.weight) / maxWeight).squareRoot() }

    /// Where each label is written: beside its node on the right, else on the left, and not
    /// at all where it would cover a label already placed (heavier nodes are placed first) or
    /// leave the picture; the name stays in the node's tooltip.
    func labelPlaces(_ shown: [Node], place: [String: (x: Double, y: Double)], labelled: Set<String>,
                     maxWeight: Double) -> [String: (x: Double, y: Double, anchor: String)] {
        var boxes: [(x0: Double, y0: Double, x1: Double, y1: Double)] = []
        var result: [String: (x: Double, y: Double, anchor: String)] = [:]
        for node in shown where labelled.contains(node.id) {
            let p = place[node.id]!
            let (cx, cy) = (p.x * Self.size, p.y * Self.size)
            let gap = Self.radius(node, maxWeight: maxWeight) + 3
            // 11px text: about 6.2px a character.
            let width = Double(node.label.count) * 6.2
            for anchor in ["start", "end"] {
                let x0 = anchor == "start" ? cx + gap : cx - gap - width
                let box = (x0: x0, y0: cy - 8, x1: x0 + width, y1: cy + 5)
                guard box.x0 >= 0, box.x1 <= Self.size,
                      !boxes.contains(where: { $0.x0 < box.x1 && box.x0 < $0.x1 && $0.y0 < box.y1 && box.y0 < $0.y1 }) else { continue }
                boxes.append(box)
                result[node.id] = (anchor == "start" ? cx + gap : cx - gap, cy + 4, anchor)
                break
            }
        }
        return result
    }

    private func draw(label: String, edges drawn: [Edge], place: [String: (x: Double, y: Double)],
                      labelled: Set<String>, focus: String?) -> String {
        let size = Self.size
        let shown = nodes.filter { place[$0.id] != nil }
        let maxWeight = Double(max(shown.map(\.weight).max() ?? 1, 1))
        let maxStrength = Double(max(drawn.map(\.strength).max() ?? 1, 1))
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart network-chart\" viewBox=\"0 0 \(SVG.number(size)) \(SVG.number(size))\" "
            + "aria-hidden=\"true\" focusable=\"false\"><title>\(SVG.escape(label))</title><g class=\"ties\">"
        for edge in drawn {
            let (a, b) = (place[edge.a]!, place[edge.b]!)
            let width = 0.6 + 3.4 * (Double(edge.strength) / maxStrength).squareRoot()
            svg += "<line x1=\"\(SVG.number(a.x * size))\" y1=\"\(SVG.number(a.y * size))\" x2=\"\(SVG.number(b.x * size))\" y2=\"\(SVG.number(b.y * size))\" "
                + "stroke-width=\"\(SVG.number(width))\"/>"
        }
        svg += "</g><g class=\"actors\">"
        let written = labelPlaces(shown, place: place, labelled: labelled, maxWeight: maxWeight)
        // Small nodes first, so the large ones and their names are drawn on top.
        for node in shown.reversed() {
            let p = place[node.id]!
            let radius = Self.radius(node, maxWeight: maxWeight)
            let classes = node.id == focus ? "actor focus" : "actor"
            let documents = strings.count(node.weight, "mentioned_in_documents")
            svg += "<a href=\"\(SVG.escape(node.url))\" tabindex=\"-1\" class=\"\(classes)\"><title>\(SVG.escape(node.name)): \(SVG.escape(documents))</title>"
                + "<circle cx=\"\(SVG.number(p.x * size))\" cy=\"\(SVG.number(p.y * size))\" r=\"\(SVG.number(radius))\"/>"
            if let text = written[node.id] {
                svg += "<text x=\"\(SVG.number(text.x))\" y=\"\(SVG.number(text.y))\" text-anchor=\"\(text.anchor)\">\(SVG.escape(node.label))</text>"
            }
            svg += "</a>"
        }
        return svg + "</g></svg>"
    }
}
