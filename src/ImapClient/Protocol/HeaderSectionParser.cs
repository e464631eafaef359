using MimeKit;

namespace ImapClient.Protocol;

/// <summary>
/// Turns a fetched header section into a MimeKit <see cref="HeaderList"/>. Well-formed sections, nearly all of them,
/// are split by <see cref="HeaderFieldSplitter"/>; the rest go to MimeKit's parser, which decides what malformed input
/// means. A new MimeKit parser allocates its buffers each time, which for a FETCH of thousands of header sections cost
/// more than the headers themselves; one parser per thread is reset onto each section instead. MimeKit's parser runs
/// no caller code, so it cannot be re-entered on the same thread.
/// </summary>
internal static class HeaderSectionParser
{
    [ThreadStatic]
    private static MimeParser? _parser;

    /// <param name="section">The bytes of the header section.</param>
    /// <param name="quirks">
    /// With <see cref="ImapQuirks.MalformedHeaders"/>, a section MimeKit cannot parse gives the fields that can be
    /// parsed (possibly none) instead of an error.
    /// </param>
    /// <exception cref="ImapProtocolException">MimeKit cannot parse the section, and the quirk is off.</exception>
    public static HeaderList Parse(ReadOnlyMemory<byte> section, ImapQuirks quirks) =>
        HeaderFieldSplitter.TrySplit(section) ?? ParseWithMimeKit(section, (quirks & ImapQuirks.MalformedHeaders) != 0);

    private static HeaderList ParseWithMimeKit(ReadOnlyMemory<byte> section, bool tolerant)
    {
        using var stream = new ReadOnlyMemoryStream(section);
        var parser = _parser;
        if (parser is null)
        {
            parser = _parser = new MimeParser(stream, MimeFormat.Entity);
        }
        else
        {
            parser.SetStream(stream, MimeFormat.Entity);
        }

        try
        {
            return parser.ParseHeaders();
        }
        catch (FormatException) when (tolerant)
        {
            // One junk header block must not fail a whole mail list: keep whatever fields are whole.
            return ParseFieldByField(section.Span);
        }
        catch (FormatException ex)
        {
            // The server's data, not the caller's: reported as such, with MimeKit's reason.
            throw new ImapProtocolException(
                $"The header section the server sent could not be parsed: {ex.Message} (a malformed header section is read " +
                $"field by field only with ImapQuirks.{nameof(ImapQuirks.MalformedHeaders)}; its bytes are in GetSection).", ex);
        }
        finally
        {
            // Do not keep the section's bytes alive through the cached parser.
            parser.SetStream(Stream.Null, MimeFormat.Entity);
        }
    }

    /// <summary>
    /// The fields of a header section MimeKit rejected as a whole: each line that starts a field (a name, then a
    /// colon) is parsed with its folded lines; any other line is skipped. Stops at the blank line that ends a header.
    /// </summary>
    private static HeaderList ParseFieldByField(ReadOnlySpan<byte> section)
    {
        var list = new HeaderList();
        var start = 0;
        while (start < section.Length)
        {
            var length = FieldLength(section[start..]);
            var field = section.Slice(start, length);
            start += length;
            if (field[0] is (byte)'\r' or (byte)'\n' && field.TrimEnd("\r\n"u8).IsEmpty)
            {
                break;
            }

            var colon = field.IndexOf((byte)':');
            if (colon > 0 && IsFieldName(field[..colon].TrimEnd(" \t"u8))
                && Header.TryParse(ParserOptions.Default, field.ToArray(), 0, field.Length, out var header))
            {
                list.Add(header);
            }
        }

        return list;
    }

    /// <summary>A line with its folded continuation lines and line breaks (to the end when the last has none).</summary>
    private static int FieldLength(ReadOnlySpan<byte> rest)
    {
        var end = 0;
        do
        {
            var lineFeed = rest[end..].IndexOf((byte)'\n');
            if (lineFeed < 0)
            {
                return rest.Length;
            }

            end += lineFeed + 1;
        }
        while (end < rest.Length && rest[end] is (byte)' ' or (byte)'\t' && rest[0] is not ((byte)'\r' or (byte)'\n'));

        return end;
    }

    /// <summary>RFC 5322 ftext: printable ASCII but the colon, at least one.</summary>
    private static bool IsFieldName(ReadOnlySpan<byte> name) =>
        !name.IsEmpty && !name.ContainsAnyExceptInRange((byte)'!', (byte)'~');
}
