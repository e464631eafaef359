namespace ImapClient;

/// <summary>
/// A message in a THREAD result and its replies. A node without a number stands for a message the thread refers to
/// but that is not in the result (a missing parent whose replies are siblings).
/// </summary>
public sealed class ThreadNode
{
    internal ThreadNode(uint? number, IReadOnlyList<ThreadNode> children)
    {
        Number = number;
        Children = children;
    }

    /// <summary>The message's sequence number (THREAD) or UID (UID THREAD); null for a missing parent.</summary>
    public uint? Number { get; }

    /// <summary>The replies, in the server's order.</summary>
    public IReadOnlyList<ThreadNode> Children { get; }

    /// <summary>The thread in the server's notation, e.g. <c>(3 6 (4 23)(44 7 96))</c>.</summary>
    /// <returns>The thread as text.</returns>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        Append(text, this);
        return text.ToString();
    }

    private static void Append(System.Text.StringBuilder text, ThreadNode root)
    {
        // Chains of single replies are written flat, as the server does, and walked without recursion.
        text.Append('(');
        var node = root;
        var first = true;
        while (true)
        {
            if (node.Number is { } number)
            {
                text.Append(first ? "" : " ").Append(number);
                first = false;
            }

            if (node.Number is null || node.Children is not [{ Number: not null } only])
            {
                break;
            }

            node = only;
        }

        if (node.Children.Count > 0 && !first)
        {
            text.Append(' ');
        }

        foreach (var child in node.Children)
        {
            Append(text, child);
        }

        text.Append(')');
    }
}
