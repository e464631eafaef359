using System.Text;

namespace ImapClient.Protocol;

/// <summary>Mailbox names in IMAP4rev1's modified UTF-7 (RFC 3501 section 5.1.3).</summary>
internal static class MailboxName
{
    /// <summary>
    /// The wire form of a name: modified UTF-7, or the name itself once the server accepts UTF-8 names
    /// (ENABLE UTF8=ACCEPT, RFC 6855, or IMAP4rev2).
    /// </summary>
    public static string ToWire(string name, bool utf8) => utf8 ? name : Encode(name);

    /// <summary>A name as the server sent it, decoded: from modified UTF-7 unless UTF-8 names were agreed.</summary>
    public static string FromWire(string wire, bool utf8) => utf8 ? wire : Decode(wire);

    /// <summary>Encodes a .NET string: printable ASCII stays (with <c>&amp;</c> as <c>&amp;-</c>), the rest becomes <c>&amp;base64(UTF-16BE)-</c>.</summary>
    public static string Encode(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new StringBuilder(name.Length);
        var i = 0;
        while (i < name.Length)
        {
            var c = name[i];
            if (c is >= '\x20' and <= '\x7e')
            {
                sb.Append(c == '&' ? "&-" : c);
                i++;
                continue;
            }

            var start = i;
            while (i < name.Length && name[i] is < '\x20' or > '\x7e')
            {
                i++;
            }

            var utf16 = Encoding.BigEndianUnicode.GetBytes(name, start, i - start);
            sb.Append('&').Append(Convert.ToBase64String(utf16).TrimEnd('=').Replace('/', ',')).Append('-');
        }

        return sb.ToString();
    }

    /// <summary>Decodes modified UTF-7; malformed shifts are kept verbatim rather than rejected.</summary>
    public static string Decode(string encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (!encoded.Contains('&', StringComparison.Ordinal))
        {
            return encoded;
        }

        var sb = new StringBuilder(encoded.Length);
        var i = 0;
        while (i < encoded.Length)
        {
            var amp = encoded.IndexOf('&', i);
            var dash = amp < 0 ? -1 : encoded.IndexOf('-', amp + 1);
            if (amp < 0 || dash < 0)
            {
                sb.Append(encoded, i, encoded.Length - i);
                break;
            }

            sb.Append(encoded, i, amp - i);
            var b64 = encoded[(amp + 1)..dash].Replace(',', '/');
            if (b64.Length == 0)
            {
                sb.Append('&');
            }
            else
            {
                try
                {
                    var padded = b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=');
                    sb.Append(Encoding.BigEndianUnicode.GetString(Convert.FromBase64String(padded)));
                }
                catch (FormatException)
                {
                    sb.Append(encoded, amp, dash - amp + 1);
                }
            }

            i = dash + 1;
        }

        return sb.ToString();
    }
}
