using System.Buffers;
using System.Runtime.InteropServices;
using MimeKit;

namespace ImapClient.Protocol;

/// <summary>
/// Builds a <see cref="HeaderList"/> from a well-formed header section without MimeKit's parser: each field is found
/// in the bytes and becomes a clone of a cached header of the same name, given the field's raw value. A clone shares
/// the name's string and bytes and the parser options (as MimeKit's own clones do), which the parser would allocate
/// for every field; the header list's fields, raw bytes and decoded values are the parser's. Unlike the parser's, the
/// headers carry no <see cref="Header.Offset"/>. Anything this does not read exactly as the parser would (no colon
/// right after the name, a name MimeKit reads differently, a last line without its line break) makes it give up, and
/// the caller parses the section with MimeKit.
/// </summary>
internal static class HeaderFieldSplitter
{
    // RFC 5322 field names: printable ASCII but the colon. Blanks before the colon are legal but rare; left to MimeKit.
    private static readonly SearchValues<byte> NameBytes =
        SearchValues.Create(Enumerable.Range('!', '~' - '!' + 1).Where(b => b != ':').Select(b => (byte)b).ToArray());

    /// <summary>The header list, or null when the section needs MimeKit's parser.</summary>
    public static HeaderList? TrySplit(ReadOnlyMemory<byte> section)
    {
        // Headers are cloned from templates made by Header.TryParse, which takes arrays only.
        if (!MemoryMarshal.TryGetArray(section, out var array))
        {
            return null;
        }

        var templates = HeaderTemplates.ForCurrentThread();
        var bytes = section.Span;
        var list = new HeaderList();
        var start = 0;
        while (start < bytes.Length && !IsBlankLine(bytes[start..]))
        {
            var field = bytes[start..];
            var nameLength = field.IndexOfAnyExcept(NameBytes);
            if (nameLength <= 0 || field[nameLength] != (byte)':')
            {
                return null;
            }

            var length = FieldLength(field);
            if (length < 0)
            {
                return null;
            }

            var template = templates.Get(array.Array!, array.Offset + start, nameLength);
            if (template is null)
            {
                return null;
            }

            var header = template.Clone();
            header.SetRawValue(field[(nameLength + 1)..length].ToArray());
            list.Add(header);
            start += length;
        }

        return list;
    }

    private static bool IsBlankLine(ReadOnlySpan<byte> line) =>
        line[0] == (byte)'\n' || (line[0] == (byte)'\r' && line.Length > 1 && line[1] == (byte)'\n');

    /// <summary>The length of the field at the start of <paramref name="field"/> with its folded lines and final line break; -1 if that break is missing.</summary>
    private static int FieldLength(ReadOnlySpan<byte> field)
    {
        var end = 0;
        do
        {
            var lineFeed = field[end..].IndexOf((byte)'\n');
            if (lineFeed < 0)
            {
                return -1;
            }

            end += lineFeed + 1;
        }
        while (end < field.Length && field[end] is (byte)' ' or (byte)'\t');

        return end;
    }
}
