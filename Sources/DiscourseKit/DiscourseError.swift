/// Every error a user can meet, each with a message that names the file, line or byte at
/// fault and what to do about it.
public struct DiscourseError: Error, CustomStringConvertible, Sendable {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
