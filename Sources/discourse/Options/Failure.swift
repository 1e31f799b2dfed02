import ArgumentParser
import DiscourseKit

/// Runs a command body and turns a `DiscourseError` into a one-line message on standard
/// error and exit status 1 (no usage text: the user's input, not the flags, was at fault).
func reportingErrors(_ body: () throws -> Void) throws {
    do { try body() } catch let error as DiscourseError {
        FileSystem.printError("discourse: error: \(error.message)")
        throw ExitCode(1)
    }
}
