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
