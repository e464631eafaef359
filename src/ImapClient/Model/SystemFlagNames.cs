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

    // The names of All as bytes, index for index: the encoder and the parser read these, so every flag is named once.
    private static readonly byte[][] Utf8Names = Array.ConvertAll(All, static entry => Encoding.ASCII.GetBytes(entry.Name));

    /// <summary>The wire name of one system flag, as bytes.</summary>
    public static ReadOnlySpan<byte> Utf8(SystemFlags flag)
    {
        for (var i = 0; i < All.Length; i++)
        {
            if (All[i].Flag == flag)
            {
                return Utf8Names[i];
            }
        }

        throw new ArgumentOutOfRangeException(nameof(flag), flag, "Not a single system flag.");
    }

    /// <summary>Maps a flag atom (with its backslash) to a system flag, case-insensitively, without allocating.</summary>
    public static SystemFlags Parse(ReadOnlySpan<byte> atom)
    {
        if (atom.Length < 5 || atom[0] != (byte)'\\')
        {
            return SystemFlags.None;
        }

        for (var i = 0; i < Utf8Names.Length; i++)
        {
            var name = Utf8Names[i];
            if (name.Length == atom.Length && Ascii.EqualsIgnoreCase(atom, name))
            {
                return All[i].Flag;
            }
        }

        return SystemFlags.None;
    }
}
