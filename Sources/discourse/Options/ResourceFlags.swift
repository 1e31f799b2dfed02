import ArgumentParser
import DiscourseKit

/// `--memory` and `--tmp`: the memory a run may use and where it may spill to disk.
struct ResourceFlags: ParsableArguments {
    @Option(help: ArgumentHelp("Memory the run may use: 512M, 2G, ... Past it, every command (and a study) reads and counts the documents in batches, through temporary files (same output). Default: half of the machine's memory or of the job's limit.", valueName: "size"))
    var memory: String?

    @Option(help: ArgumentHelp("Folder for temporary files when counting in batches (removed at the end). Default: $TMPDIR or /tmp.", valueName: "dir"))
    var tmp: String?

    func validate() throws {
        if let memory, MemoryBudget(parsing: memory) == nil {
            throw ValidationError("--memory \(memory): give a size of at least 64M, such as 512M, 2G or 1.5G")
        }
    }

    var budget: MemoryBudget { memory.flatMap(MemoryBudget.init(parsing:)) ?? .machineDefault }

    var temporaryFolder: String {
        tmp ?? ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    }

    /// As `run.json` records it: the budget in bytes.
    var manifest: [(String, JSONValue)] { [("memory", .int(budget.bytes))] }
}
