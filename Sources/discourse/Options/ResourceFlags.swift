import ArgumentParser
import DiscourseKit

/// `--memory` and `--tmp`: the memory a run may use and where it may spill to disk.
struct ResourceFlags: ParsableArguments {
    @Option(help: ArgumentHelp("Memory the run may use: 512M, 2G, ... Past it, every command (and a study) reads and counts the documents in batches, through temporary files (same output). Default: half of the machine's memory or of the job's limit.", valueName: "size"))
    var memory: String?

    @Option(help: ArgumentHelp("Folder for temporary files when counting in batches (removed at the end). Default: $TMPDIR or /tmp.", valueName: "dir"))
    var tmp: String?

    func validate() throws { try MemoryFlag.validate(memory) }

    var budget: MemoryBudget { MemoryFlag.budget(memory) }

    var temporaryFolder: String {
        tmp ?? ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    }

    /// As `run.json` records it: the budget in bytes.
    var manifest: [(String, JSONValue)] { [("memory", .int(budget.bytes))] }
}

/// `--memory` alone, for `merge`: it reads no texts and spills nothing, but sums as many
/// groups at once as the budget allows.
struct MemoryFlag: ParsableArguments {
    @Option(help: ArgumentHelp("Memory the merge may use: 512M, 2G, ... It sums and writes as many groups at once as fit (one per core at most). Default: half of the machine's memory or of the job's limit.", valueName: "size"))
    var memory: String?

    func validate() throws { try Self.validate(memory) }

    var budget: MemoryBudget { Self.budget(memory) }

    /// As `run.json` records it: the budget in bytes.
    var manifest: [(String, JSONValue)] { [("memory", .int(budget.bytes))] }

    static func validate(_ memory: String?) throws {
        if let memory, MemoryBudget(parsing: memory) == nil {
            throw ValidationError("--memory \(memory): give a size of at least 64M, such as 512M, 2G or 1.5G")
        }
    }

    static func budget(_ memory: String?) -> MemoryBudget { memory.flatMap(MemoryBudget.init(parsing:)) ?? .machineDefault }
}
