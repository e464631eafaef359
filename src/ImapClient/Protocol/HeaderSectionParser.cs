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
    private static MimeParser? t_parser;

    /// <exception cref="ImapProtocolException">MimeKit cannot parse the section.</exception>
    public static HeaderList Parse(ReadOnlyMemory<byte> section) => HeaderFieldSplitter.TrySplit(section) ?? ParseWithMimeKit(section);

    private static HeaderList ParseWithMimeKit(ReadOnlyMemory<byte> section)
    {
        var stream = new ReadOnlyMemoryStream(section);
        var parser = t_parser;
        if (parser is null)
        {
            parser = t_parser = new MimeParser(stream, MimeFormat.Entity);
        }
        else
        {
            parser.SetStream(stream, MimeFormat.Entity);
        }

        try
        {
            return parser.ParseHeaders();
        }
        catch (FormatException ex)
        {
            // The server's data, not the caller's: reported as such, with MimeKit's reason.
            throw new ImapProtocolException($"The header section the server sent could not be parsed: {ex.Message}", ex);
        }
        finally
        {
            // Do not keep the section's bytes alive through the cached parser.
            parser.SetStream(Stream.Null, MimeFormat.Entity);
        }
    }
}
