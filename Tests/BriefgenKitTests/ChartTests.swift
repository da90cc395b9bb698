import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import BriefgenKit

/// An SVG parsed into its elements (name, attributes, text of its `<title>`), in document order.
struct ParsedSVG {
    struct Element {
        var name: String
        var attributes: [String: String]
        var title: String?
        var parent: Int?
    }

    var elements: [Element] = []

    init?(_ text: String) {
        let collector = Collector()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = collector
        guard parser.parse() else { return nil }
        elements = collector.elements
    }

    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }

    /// The `<a>` elements, each with its title and the shape it wraps.
    var links: [(href: String, title: String, shape: Element)] {
        elements.indices.compactMap { i in
            guard elements[i].name == "a", let href = elements[i].attributes["href"] else { return nil }
            guard let shape = elements.indices.first(where: { elements[$0].parent == i && ["circle", "rect"].contains(elements[$0].name) })
            else { return nil }
            return (href, elements[i].title ?? "", elements[shape])
        }
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var stack: [Int] = []
        var text = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.append(Element(name: name, attributes: attributes, title: nil, parent: stack.last))
            stack.append(elements.count - 1)
            text = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let index = stack.removeLast()
            if name == "title", let parent = stack.last { elements[parent].title = text }
            _ = index
            text = ""
        }
    }
}

@Suite struct TimelineChartTests {
    static func date(_ text: String, approximate: Bool = false, yearStated: Bool = true) -> PartialDate {
        var date = PartialDate(parsing: text)!
        if approximate { date.precision = .approximate }
        date.yearStated = yearStated
        return date
    }

    static let marks = [
        TimelineChart.Mark(title: "Ban imposed", url: "/events/ban/", date: date("2026-06-05"), disputed: true),
        TimelineChart.Mark(title: "Letter <signed>", url: "/events/letter/", date: date("2026-06-20"), disputed: false),
        TimelineChart.Mark(title: "Lift reported", url: "/events/lift/", date: date("2026-07"), disputed: false),
        TimelineChart.Mark(title: "Fund set up", url: "/events/fund/", date: date("2025"), disputed: false),
        TimelineChart.Mark(title: "Talks", url: "/events/talks/", date: date("2026-03", approximate: true), disputed: false),
    ]

    @Test func everyEventIsALinkWithItsTitleAndDateAsTheSourcesGiveIt() throws {
        let svg = try #require(ParsedSVG(TimelineChart(marks: Self.marks).svg(label: "Timeline")))
        let links = svg.links
        #expect(Set(links.map(\.href)) == Set(Self.marks.map(\.url)))
        let ban = try #require(links.first { $0.href == "/events/ban/" })
        #expect(ban.title == "Ban imposed — 5 June 2026 (disputed)")
        #expect(ban.shape.name == "circle")
        #expect(ban.shape.attributes["fill"] == "url(#timeline-chart-hatch)")
        #expect(links.first { $0.href == "/events/letter/" }?.title == "Letter <signed> — 20 June 2026")
        #expect(links.allSatisfy { $0.shape.attributes["fill"] == nil || $0.href == "/events/ban/" })
    }

    @Test func imprecisionIsDrawnAsARangeOfItsPeriod() throws {
        let chart = TimelineChart(marks: Self.marks)
        let svg = try #require(ParsedSVG(chart.svg(label: "Timeline")))
        func width(_ href: String) -> Double {
            Double(svg.links.first { $0.href == href }!.shape.attributes["width"] ?? "0")!
        }
        let month = width("/events/lift/")
        #expect(month == TimelineChart.column - 2)
        #expect(width("/events/fund/") == 12 * TimelineChart.column - 2)  // a year
        #expect(width("/events/talks/") == 3 * TimelineChart.column - 2)  // c. March: a month either side
        // The axis runs from January of the year-only event to July 2026: 19 months.
        #expect(svg.all("svg").first?.attributes["width"] == String(19 * Int(TimelineChart.column)))
    }

    @Test func marksNeverOverlapInALane() {
        var marks: [TimelineChart.Mark] = []
        for day in 1...28 {
            for copy in 0..<3 {
                marks.append(.init(title: "E\(day)-\(copy)", url: "/e/\(day)-\(copy)/", date: Self.date(String(format: "2026-02-%02d", day)), disputed: false))
            }
        }
        marks.append(.init(title: "Month", url: "/m/", date: Self.date("2026-02"), disputed: false))
        let placed = TimelineChart(marks: marks).layout().placed
        let minimum = TimelineChart.minimumWidth / TimelineChart.column
        for (i, a) in placed.enumerated() {
            for b in placed[(i + 1)...] where a.lane == b.lane {
                let (aFrom, aTo) = ((a.start + a.end) / 2 - max(a.end - a.start, minimum) / 2, (a.start + a.end) / 2 + max(a.end - a.start, minimum) / 2)
                let (bFrom, bTo) = ((b.start + b.end) / 2 - max(b.end - b.start, minimum) / 2, (b.start + b.end) / 2 + max(b.end - b.start, minimum) / 2)
                #expect(aTo <= bFrom || bTo <= aFrom, "\(a.mark.title) and \(b.mark.title) overlap in lane \(a.lane)")
            }
        }
    }

    @Test func theAxisShowsNoYearTheSourcesDoNotGive() throws {
        let marks = [TimelineChart.Mark(title: "A", url: "/a/", date: Self.date("2026-06", yearStated: false), disputed: false)]
        let svg = try #require(ParsedSVG(TimelineChart(marks: marks).svg(label: "T")))
        #expect(svg.all("text").allSatisfy { $0.attributes["class"] != "year" })
        let withYear = try #require(ParsedSVG(TimelineChart(marks: [.init(title: "A", url: "/a/", date: Self.date("2026-06"), disputed: false)]).svg(label: "T")))
        #expect(withYear.all("text").contains { $0.attributes["class"] == "year" })
    }

    @Test func thePictureIsHiddenFromScreenReadersAndItsLinksFromTheTabOrder() throws {
        let svg = try #require(ParsedSVG(TimelineChart(marks: Self.marks).svg(label: "Timeline")))
        #expect(svg.all("svg").first?.attributes["aria-hidden"] == "true")
        #expect(svg.all("a").allSatisfy { $0.attributes["tabindex"] == "-1" })
        #expect(TimelineChart(marks: []).svg(label: "T").isEmpty)
    }
}

@Suite struct ActorNetworkTests {
    /// 300 actors in ten clusters, with weights and ties that vary.
    static func network(actors: Int = 300) -> ActorNetwork {
        let nodes = (0..<actors).map { i in
            ActorNetwork.Node(id: "actors/a\(i)", name: "Actor \(i) & Co", url: "/actors/a\(i)/", weight: 1 + (i * 37) % 90)
        }
        var edges: [ActorNetwork.Edge] = []
        for i in 0..<actors {
            for j in stride(from: i + 1, to: actors, by: 1) where (i % 10 == j % 10 && (i + j) % 7 < 2) || (i + j) % 97 == 0 {
                edges.append(.init(a: "actors/a\(i)", b: "actors/a\(j)", strength: 1 + (i + j) % 5))
            }
        }
        return ActorNetwork(nodes: nodes, edges: edges)
    }

    @Test func theSameInputGivesTheSamePictureByteForByte() {
        let first = Self.network().whole(label: "Actors")
        // Made again from the input in another order: nodes and ties are sorted first.
        let shuffled = ActorNetwork(nodes: Self.network().nodes.reversed(), edges: Self.network().edges.reversed())
        #expect(first == shuffled.whole(label: "Actors"))
        #expect(first == Self.network().whole(label: "Actors"))
    }

    @Test func everyActorIsALinkSizedByMentionsAndNamesAreEscaped() throws {
        let network = Self.network(actors: 30)
        let svg = try #require(ParsedSVG(network.whole(label: "Actors")))
        let links = svg.links
        #expect(links.count == 30)
        #expect(Set(links.map(\.href)) == Set(network.nodes.map(\.url)))
        func radius(_ weight: Int) -> Double {
            let node = network.nodes.first { $0.weight == weight }!
            return Double(links.first { $0.href == node.url }!.shape.attributes["r"]!)!
        }
        let weights = network.nodes.map(\.weight).sorted()
        #expect(radius(weights.last!) > radius(weights.first!))
        #expect(svg.all("text").contains { _ in true })
        #expect(links.contains { $0.title.hasPrefix("Actor 0 & Co: mentioned in ") })
    }

    @Test func threeHundredActorsStayLegible() throws {
        let network = Self.network()
        let svg = try #require(ParsedSVG(network.whole(label: "Actors")))
        // Each actor keeps its strongest ties only; names are written for the largest.
        #expect(svg.all("line").count <= 300 * ActorNetwork.tiesPerNode)
        // Ties carry no title of their own (the actors' titles and the lists say who is tied),
        // which keeps the actors index of a 10,000-article site under 200 KB.
        #expect(!network.whole(label: "Actors").contains("</title></line>"))
        #expect(network.whole(label: "Actors").utf8.count < 120_000)
        let labels = svg.all("text").count
        #expect(labels > ActorNetwork.labelled / 2 && labels <= ActorNetwork.labelled)
        // Nodes are spread over the picture: no two centres closer than a pixel.
        let centres = svg.all("circle").map { (Double($0.attributes["cx"]!)!, Double($0.attributes["cy"]!)!) }
        var close = 0
        for i in centres.indices {
            for j in centres.indices where j > i {
                let d = ((centres[i].0 - centres[j].0) * (centres[i].0 - centres[j].0) + (centres[i].1 - centres[j].1) * (centres[i].1 - centres[j].1)).squareRoot()
                if d < 1 { close += 1 }
            }
        }
        #expect(close == 0)
        #expect(centres.allSatisfy { (0...ActorNetwork.size).contains($0.0) && (0...ActorNetwork.size).contains($0.1) })
    }

    @Test func labelsNeverCoverOneAnother() {
        let network = Self.network()
        let positions = ActorNetwork.forceLayout(network.nodes, network.keptEdges())
        let place = Dictionary(uniqueKeysWithValues: zip(network.nodes.map(\.id), positions))
        let labels = network.labelPlaces(network.nodes, place: place, labelled: Set(network.nodes.map(\.id)), maxWeight: 90)
        let boxes = labels.map { id, text -> (Double, Double, Double, Double) in
            let width = Double(network.nodes.first { $0.id == id }!.label.count) * 6.2
            let x0 = text.anchor == "start" ? text.x : text.x - width
            return (x0, text.y - 12, x0 + width, text.y + 1)
        }
        for (i, a) in boxes.enumerated() {
            for b in boxes[(i + 1)...] { #expect(!(a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3)) }
        }
        #expect(boxes.count > 20)
    }

    @Test func aNeighbourhoodIsTheActorAndItsStrongestTies() throws {
        let network = Self.network()
        let svg = try #require(ParsedSVG(network.neighbourhood(of: "actors/a0", label: "Ties")))
        let links = svg.links
        let ties = network.edges.filter { $0.a == "actors/a0" || $0.b == "actors/a0" }
        #expect(links.count == 1 + min(ties.count, ActorNetwork.neighbours))
        #expect(svg.all("a").contains { $0.attributes["class"] == "actor focus" })
        let centre = try #require(links.first { $0.href == "/actors/a0/" })
        #expect(centre.shape.attributes["cx"] == "320" && centre.shape.attributes["cy"] == "320")
        #expect(ActorNetwork(nodes: network.nodes, edges: []).neighbourhood(of: "actors/a0", label: "T").isEmpty)
    }
}

/// The pictures on pages: where they are, and that they change only with what they show.
@Suite struct ChartPageTests {
    @Test func timelineActorsAndActorPagesCarryTheirPictures() {
        let fs = Fixture.fileSystem()
        #expect(Fixture.build(fs).succeeded)
        for (page, svgClass) in [("timeline/index.html", "timeline-chart"), ("actors/index.html", "network-chart"),
                                 ("actors/anthropic/index.html", "timeline-chart"), ("actors/anthropic/index.html", "network-chart")] {
            let html = Fixture.text(fs, "out/" + page)
            #expect(html.contains("class=\"chart \(svgClass)\""), "\(page) lacks \(svgClass)")
        }
        // The actor network links every actor; the page's own list still names them in words.
        let index = Fixture.text(fs, "out/actors/index.html")
        for actor in ["anthropic", "commerce", "ico", "mythos"] { #expect(index.contains("href=\"/actors/\(actor)/\" tabindex=\"-1\"")) }
    }

    @Test func rewordingAMentionRedrawsNoNetwork() {
        let fs = Fixture.fileSystem()
        #expect(Fixture.build(fs).succeeded)
        // Same actors mentioned by the same documents; only the sentence around them changes.
        let path = "site/content/articles/ban-story.md"
        fs.write(Fixture.text(fs, path).replacingOccurrences(of: "told Anthropic to stop", with: "asked Anthropic to pause"), to: path)
        let result = Fixture.build(fs)
        #expect(result.succeeded)
        #expect(!result.rendered.contains("actors/index.html"))
        #expect(result.rendered.contains("actors/anthropic/index.html"))  // its mention's sentence changed
        #expect(!result.rendered.contains("actors/mythos/index.html"))  // a neighbour of Anthropic's, not mentioned there
    }

    @Test func aNewTieRedrawsTheNetwork() {
        let fs = Fixture.fileSystem()
        #expect(Fixture.build(fs).succeeded)
        let path = "site/content/articles/lift-story.md"
        fs.write(Fixture.text(fs, path).replacingOccurrences(of: "returned for some users.", with: "returned for some users; the ICO noted it."), to: path)
        let result = Fixture.build(fs)
        #expect(result.rendered.contains("actors/index.html"))
    }
}
