using System.Text;

namespace ImapClient.Protocol;

/// <summary>
/// The strings that fill most body structures (media types, parameter names, charsets, encodings, dispositions), as
/// servers spell them: one shared instance each, so a message list of ten thousand messages does not keep ten thousand
/// copies of "text", "plain" and "utf-8". Matching is exact, byte for byte: a value spelled otherwise is read as usual.
/// </summary>
internal static class CommonTokens
{
    private static readonly string[] Spellings =
    [
        "text", "plain", "html", "multipart", "mixed", "alternative", "related", "signed", "report", "application",
        "octet-stream", "pdf", "zip", "image", "jpeg", "png", "gif", "message", "rfc822", "delivery-status", "calendar",
        "charset", "utf-8", "us-ascii", "iso-8859-1", "iso-8859-15", "windows-1252", "name", "filename", "boundary",
        "format", "flowed", "delsp", "yes", "no", "7bit", "8bit", "binary", "base64", "quoted-printable", "attachment",
        "inline", "TEXT", "PLAIN", "HTML", "MULTIPART", "MIXED", "ALTERNATIVE", "RELATED", "APPLICATION", "OCTET-STREAM",
        "IMAGE", "JPEG", "PNG", "MESSAGE", "RFC822", "CHARSET", "UTF-8", "US-ASCII", "ISO-8859-1", "NAME", "FILENAME",
        "BOUNDARY", "FORMAT", "FLOWED", "7BIT", "8BIT", "BASE64", "QUOTED-PRINTABLE", "ATTACHMENT", "INLINE",
        "Windows-1252", "UTF-8", "ISO-8859-15",
    ];

    /// <summary>The tokens by length, each with its bytes: a lookup compares only the few of the same length.</summary>
    private static readonly (byte[] Bytes, string Text)[][] ByLength = Build();

    /// <summary>The longest token; a longer value is not looked up.</summary>
    public static int MaxLength => ByLength.Length - 1;

    /// <summary>The shared string for <paramref name="bytes"/> when they spell a common token exactly.</summary>
    public static bool TryGet(ReadOnlySpan<byte> bytes, out string token)
    {
        if (bytes.Length < ByLength.Length)
        {
            foreach (var (candidate, text) in ByLength[bytes.Length])
            {
                if (bytes.SequenceEqual(candidate))
                {
                    token = text;
                    return true;
                }
            }
        }

        token = string.Empty;
        return false;
    }

    private static readonly Dictionary<string, string> ByText = Spellings.Distinct(StringComparer.Ordinal).ToDictionary(s => s, StringComparer.Ordinal);

    /// <summary>
    /// The shared instance of a value the parser normalised (an encoding upper-cased, a media type lower-cased), so
    /// what the caller keeps is one string however the server spelled it; other values are returned as they are.
    /// </summary>
    public static string Shared(string value) => ByText.TryGetValue(value, out var shared) ? shared : value;

    private static (byte[] Bytes, string Text)[][] Build()
    {
        var distinct = Spellings.Distinct(StringComparer.Ordinal).ToArray();
        var longest = distinct.Max(s => s.Length);
        var table = new (byte[] Bytes, string Text)[longest + 1][];
        for (var length = 0; length <= longest; length++)
        {
            table[length] = distinct.Where(s => s.Length == length).Select(s => (Encoding.ASCII.GetBytes(s), s)).ToArray();
        }

        return table;
    }
}
