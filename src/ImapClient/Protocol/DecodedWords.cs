using System.Text;
using MimeKit.Utils;

namespace ImapClient.Protocol;

/// <summary>
/// RFC 2047 decoding with a per-thread memory of what was decoded lately. A mailbox's names and subjects repeat: the
/// same correspondents, threads with one subject, and servers that copy From into Sender and Reply-To. Decoding
/// through MimeKit costs a byte copy, a charset lookup and a decoder per word; a repeat costs a lookup, and every
/// message that shows the name shares one string.
/// </summary>
internal static class DecodedWords
{
    /// <summary>Entries per table and thread before it starts over (bounded memory, whatever a server sends).</summary>
    internal const int Capacity = 2048;

    [ThreadStatic]
    private static Dictionary<string, string>? _phrases;

    [ThreadStatic]
    private static Dictionary<string, string>? _texts;

    /// <summary>Decodes a phrase (display or group name) that holds encoded words.</summary>
    public static string Phrase(string encoded) =>
        Lookup(ref _phrases, encoded, static e => Rfc2047.DecodePhrase(EnvelopeParser.TextOptions, Encoding.UTF8.GetBytes(e)));

    /// <summary>Decodes unstructured text (a subject, a description) that holds encoded words.</summary>
    public static string Text(string encoded) =>
        Lookup(ref _texts, encoded, static e => Rfc2047.DecodeText(EnvelopeParser.TextOptions, Encoding.UTF8.GetBytes(e)));

    private static string Lookup(ref Dictionary<string, string>? table, string encoded, Func<string, string> decode)
    {
        table ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (table.TryGetValue(encoded, out var decoded))
        {
            return decoded;
        }

        if (table.Count >= Capacity)
        {
            table.Clear();
        }

        decoded = decode(encoded);
        table[encoded] = decoded;
        return decoded;
    }
}
