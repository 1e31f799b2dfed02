/// How much memory a run may use (`--memory`): a size such as `512M`, `2G` or `1.5G` (powers
/// of 1024; a plain number is bytes). The default is half of the machine's memory, or of the
/// control group's limit where one is set (a Slurm job's `--mem`, a container's limit), so
/// that a run leaves room for the system and the reader of its tables.
public struct MemoryBudget: Sendable, Equatable {
    public let bytes: Int

    public init(bytes: Int) { self.bytes = bytes }

    /// Parses `512M`, `2G`, `1.5g`, `800000000`; nil for anything else or below 64 MB.
    public init?(parsing text: String) {
        let units: [Character: Double] = ["k": 1024, "m": 1024 * 1024, "g": 1024 * 1024 * 1024, "t": 1024 * 1024 * 1024 * 1024]
        var digits = Substring(text.lowercased())
        if digits.hasSuffix("b") { digits = digits.dropLast() }
        var scale = 1.0
        if let last = digits.last, let unit = units[last] {
            scale = unit
            digits = digits.dropLast()
        }
        guard let value = Double(digits), value.isFinite, value > 0 else { return nil }
        let bytes = value * scale
        guard bytes >= 64 * 1024 * 1024, bytes < 1e18 else { return nil }
        self.bytes = Int(bytes)
    }

    /// Half of the smaller of the machine's memory and the control group's limit.
    public static var machineDefault: MemoryBudget {
        let physical = Int(sysconf(Int32(_SC_PHYS_PAGES))) * Int(sysconf(Int32(_SC_PAGESIZE)))
        var available = physical > 0 ? physical : 4 << 30
        for file in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            if let bytes = FileSystem.readBytes(file), let limit = Int(String(decoding: bytes, as: UTF8.self).trimmed()), limit > 0 {
                available = min(available, limit)
            }
        }
        return MemoryBudget(bytes: max(64 << 20, available / 2))
    }

    /// The size in the units `--memory` takes, e.g. `1.5G`, `512M`.
    public var description: String {
        let gib = Double(bytes) / Double(1 << 30)
        if gib >= 1 { return (gib * 100).rounded() / 100 == gib.rounded() ? "\(Int(gib.rounded()))G" : String(format: "%.2fG", gib) }
        return "\(bytes >> 20)M"
    }
}
