/// The version `briefgen --version` prints; also part of the build graph's key.
public enum BriefgenVersion {
    public static let current = "0.1.0"
}
