/// Rules that recognise site chrome in text copied from a news page. They look at the shape
/// of a line (navigation words, placeholders, calls to subscribe), not at particular articles.
enum Clutter {
    /// Words that make up navigation, sharing and section bars.
    static let navigationWords: Set<String> = [
        "home", "news", "menu", "search", "share", "tweet", "email", "print", "facebook", "twitter", "x",
        "linkedin", "whatsapp", "reddit", "pinterest", "instagram", "youtube", "tiktok", "telegram", "copy",
        "link", "subscribe", "login", "log", "in", "sign", "up", "register", "account", "breaking", "live",
        "latest", "trending", "popular", "most", "read", "watch", "listen", "podcast", "podcasts", "video",
        "videos", "advertisement", "advert", "ad", "ads", "sponsored", "related", "articles", "stories",
        "more", "top", "world", "uk", "us", "politics", "business", "tech", "technology", "science",
        "health", "sport", "sports", "opinion", "culture", "lifestyle", "newsletter", "newsletters",
        "skip", "to", "content", "main", "close", "open", "next", "previous", "back", "comments", "comment",
        "the", "and", "on", "via", "with", "follow", "us", "&", "|", "·", "•", "/", "-",
    ]

    /// Phrases that start a page's footer: what follows is promotion, not article.
    static let footerStarts = [
        "related articles", "related stories", "related content", "related posts", "more from", "more stories",
        "you may also like", "you might also like", "recommended for you", "read next", "read more",
        "get the news", "sign up", "subscribe", "join thousands", "join our", "follow us", "share this",
        "share on", "about the author", "comments", "newsletter", "copyright", "©", "all rights reserved",
    ]

    /// A "Loading…" or "Please wait" placeholder left where a script would insert content.
    static func isPlaceholder(_ line: String) -> Bool {
        let lower = line.lowercased().trimmingCharacters(in: .whitespaces)
        let placeholderStarts = ["loading", "please wait", "fetching", "refreshing", "one moment"]
        guard placeholderStarts.contains(where: { lower.hasPrefix($0) }) else { return false }
        return lower.split(separator: " ").count <= 5
    }

    /// A line made only of navigation words ("Home | News | Share", "BREAKING", "Facebook").
    static func isNavigation(_ line: String) -> Bool {
        let words = line.lowercased().split(whereSeparator: { $0 == " " || $0 == "|" || $0 == "·" || $0 == "/" })
            .map { $0.trimmingCharacters(in: .punctuationCharacters) }.filter { !$0.isEmpty }
        guard !words.isEmpty, words.count <= 8 else { return false }
        return words.allSatisfy { navigationWords.contains($0) }
    }

    /// A shouted one-to-three-word label such as "BREAKING" or "LIVE UPDATES".
    static func isShoutedLabel(_ line: String) -> Bool {
        let letters = line.unicodeScalars.filter { $0.properties.isAlphabetic }
        let words = line.split(separator: " ")
        return letters.count >= 3 && words.count <= 3 && line == line.uppercased() && !line.contains(".")
    }

    /// Start of a footer of related links and newsletter pitches.
    static func isFooterStart(_ line: String) -> Bool {
        let lower = line.lowercased().trimmingCharacters(in: .whitespaces)
        guard lower.split(separator: " ").count <= 10 else { return false }
        return footerStarts.contains { lower.hasPrefix($0) }
    }

    /// A call to subscribe, follow or share, wherever it appears.
    static func isPromotion(_ line: String) -> Bool {
        let lower = line.lowercased()
        let words = lower.split(separator: " ").count
        guard words <= 25 else { return false }
        let signals = ["subscribe", "newsletter", "straight to your inbox", "to your inbox", "sign up", "follow us",
                       "share this article", "join thousands of readers", "get the news that matters",
                       "click here", "download our app"]
        return signals.contains { lower.contains($0) }
    }

    /// Short lines with no sentence in them, typical of a masthead ("Britain's News Portal").
    static func isMastheadFragment(_ line: String) -> Bool {
        let words = line.split(separator: " ")
        guard words.count <= 4, let last = line.last else { return false }
        return !".!?:;,\"”’".contains(last)
    }
}

import Foundation
