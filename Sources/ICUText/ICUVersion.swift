@_implementationOnly import CICU

/// The versions of the ICU library the program runs on, for run manifests.
public enum ICUVersion {
    /// ICU's own version, such as `72.1`.
    public static var icu: String {
        var info: [UInt8] = [0, 0, 0, 0]
        cicu_getVersion(&info)
        return format(info)
    }

    /// The Unicode version of ICU's character data, such as `15.0`.
    public static var unicode: String {
        var info: [UInt8] = [0, 0, 0, 0]
        cicu_getUnicodeVersion(&info)
        return format(info)
    }

    private static func format(_ info: [UInt8]) -> String {
        var parts = info.map(String.init)
        while parts.count > 2, parts.last == "0" { parts.removeLast() }
        return parts.joined(separator: ".")
    }
}
