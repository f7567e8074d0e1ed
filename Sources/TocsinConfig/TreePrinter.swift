/// Draws a tree with box-drawing branches the way the treeprint package amtool uses does:
/// a `.` root line, then `├── ` / `└── ` per node and, for the levels above, `│` followed by two
/// no-break spaces and a space (treeprint writes it that way) or four spaces.
struct TreePrinter {
    private var nodes: [(value: String, depth: Int)] = []

    /// Adds a node below the last node of depth `depth - 1`; returns its index.
    @discardableResult
    mutating func add(_ value: String, depth: Int) -> Int {
        nodes.append((value, depth))
        return nodes.count - 1
    }

    mutating func setValue(at index: Int, _ value: String) {
        nodes[index].value = value
    }

    /// The drawing, ending with a newline.
    var text: String {
        var lines = ["."]
        for (index, node) in nodes.enumerated() {
            var prefix = ""
            for level in 0..<node.depth {
                prefix += hasLaterSibling(after: index, ancestorDepth: level) ? "│\u{00A0}\u{00A0} " : "    "
            }
            prefix += hasLaterSibling(after: index, ancestorDepth: node.depth) ? "├── " : "└── "
            lines.append(prefix + node.value)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // Whether a node at `ancestorDepth` follows before the tree climbs above that depth.
    private func hasLaterSibling(after index: Int, ancestorDepth: Int) -> Bool {
        for later in nodes[(index + 1)...] {
            if later.depth < ancestorDepth { return false }
            if later.depth == ancestorDepth { return true }
        }
        return false
    }
}
