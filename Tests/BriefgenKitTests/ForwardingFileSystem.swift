import Foundation
@testable import BriefgenKit

/// A file system that passes every call to `base`: a test's wrapper implements only the calls
/// it watches or holds back.
protocol ForwardingFileSystem: FileSystem {
    associatedtype Base: FileSystem
    var base: Base { get }
}

extension ForwardingFileSystem {
    func read(_ path: String) -> Data? { base.read(path) }
    var concurrentReads: Int { base.concurrentReads }
    func files(under directory: String) -> [String] { base.files(under: directory) }
    func isDirectory(_ path: String) -> Bool { base.isDirectory(path) }
    func write(_ data: Data, to path: String) throws { try base.write(data, to: path) }
    func remove(_ path: String) throws { try base.remove(path) }
    func move(_ source: String, to destination: String) throws { try base.move(source, to: destination) }
    func stamp(_ path: String) -> FileStamp? { base.stamp(path) }
    func tree(under directory: String) -> FolderTree { base.tree(under: directory) }
    func linkTree(_ paths: [String], from source: String, into directory: String, replacing old: FolderTree) throws {
        try base.linkTree(paths, from: source, into: directory, replacing: old)
    }
    func prepareTree(_ directory: String, replacing old: FolderTree, keeping paths: [String]) throws {
        try base.prepareTree(directory, replacing: old, keeping: paths)
    }
    func placeFile(_ data: Data, at path: String, in directory: String, through folder: OpenFolder?, had: Bool) throws -> Bool {
        try base.placeFile(data, at: path, in: directory, through: folder, had: had)
    }
    func openFolder(_ directory: String) -> OpenFolder? { base.openFolder(directory) }
    func exchange(_ first: String, _ second: String) throws { try base.exchange(first, second) }
    func link(_ source: String, to destination: String) throws { try base.link(source, to: destination) }
    func removeEmptyFolder(_ path: String) -> Bool { base.removeEmptyFolder(path) }
}
