using System.Text;

namespace ImapClient;

/// <summary>The wire names of the system flags, shared by the parser, the encoder and <see cref="MessageFlags"/>.</summary>
internal static class SystemFlagNames
{
    public static readonly (SystemFlags Flag, string Name)[] All =
    [
        (SystemFlags.Answered, "\\Answered"),
        (SystemFlags.Flagged, "\\Flagged"),
        (SystemFlags.Deleted, "\\Deleted"),
        (SystemFlags.Seen, "\\Seen"),
        (SystemFlags.Draft, "\\Draft"),
        (SystemFlags.Recent, "\\Recent"),
    ];

    /// <summary>The system flags a client may send, in the order they are written (<c>\\Recent</c> only the server sets).</summary>
    public static readonly SystemFlags[] Sendable =
        [SystemFlags.Answered, SystemFlags.Flagged, SystemFlags.Deleted, SystemFlags.Seen, SystemFlags.Draft];

    /// <summary>The wire name of one system flag, as bytes.</summary>
    public static ReadOnlySpan<byte> Utf8(SystemFlags flag) => flag switch
    {
        SystemFlags.Answered => "\\Answered"u8,
        SystemFlags.Flagged => "\\Flagged"u8,
        SystemFlags.Deleted => "\\Deleted"u8,
        SystemFlags.Seen => "\\Seen"u8,
        SystemFlags.Draft => "\\Draft"u8,
        SystemFlags.Recent => "\\Recent"u8,
        _ => throw new ArgumentOutOfRangeException(nameof(flag), flag, "Not a single system flag."),
    };

    /// <summary>Maps a flag atom (with its backslash) to a system flag, case-insensitively, without allocating.</summary>
    public static SystemFlags Parse(ReadOnlySpan<byte> atom)
    {
        if (atom.Length < 5 || atom[0] != (byte)'\\')
        {
            return SystemFlags.None;
        }

        var name = atom[1..];
        if (Ascii.EqualsIgnoreCase(name, "Seen"u8))
        {
            return SystemFlags.Seen;
        }

        if (Ascii.EqualsIgnoreCase(name, "Answered"u8))
        {
            return SystemFlags.Answered;
        }

        if (Ascii.EqualsIgnoreCase(name, "Flagged"u8))
        {
            return SystemFlags.Flagged;
        }

        if (Ascii.EqualsIgnoreCase(name, "Deleted"u8))
        {
            return SystemFlags.Deleted;
        }

        if (Ascii.EqualsIgnoreCase(name, "Draft"u8))
        {
            return SystemFlags.Draft;
        }

        return Ascii.EqualsIgnoreCase(name, "Recent"u8) ? SystemFlags.Recent : SystemFlags.None;
    }
}
