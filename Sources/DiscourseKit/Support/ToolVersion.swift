/// The tool's version, as `run.json` and partial-count files record it.
public enum ToolVersion {
    public static let current = "0.1.0"
}
