@_implementationOnly import CICU

/// An ICU call that failed, with ICU's error name (for example `U_FILE_ACCESS_ERROR`).
public struct ICUFailure: Error, CustomStringConvertible, Sendable {
    /// What was being done, in words a user can act on.
    public let operation: String
    /// ICU's name for the error code.
    public let errorName: String

    init(_ operation: String, _ status: UErrorCode) {
        self.operation = operation
        self.errorName = String(cString: cicu_errorName(status))
    }

    public var description: String { "\(operation) failed (ICU: \(errorName))" }
}

@inline(__always)
func check(_ status: UErrorCode, _ operation: @autoclosure () -> String) throws(ICUFailure) {
    if status.rawValue > U_ZERO_ERROR.rawValue {
        throw ICUFailure(operation(), status)
    }
}
