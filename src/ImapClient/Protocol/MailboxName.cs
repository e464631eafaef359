using System.Text;

namespace ImapClient.Protocol;

/// <summary>Mailbox names in IMAP4rev1's modified UTF-7 (RFC 3501 section 5.1.3).</summary>
internal static class MailboxName
{
    /// <summary>
    /// Refuses names IMAP does not allow: empty, or holding control characters, DEL, or the Unicode line and paragraph
    /// separators (RFC 9051 section 5.1). A CR or LF in a caller's name is refused here rather than encoded.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty or holds one of those characters.</exception>
    public static void Validate(string name, string paramName)
    {
        ArgumentException.ThrowIfNullOrEmpty(name, paramName);
        foreach (var c in name)
        {
            if (c is < '\x20' or '\x7f' or (>= '\x80' and <= '\x9f') or '\u2028' or '\u2029')
            {
                throw new ArgumentException(
                    $"A mailbox name may not contain control characters (found U+{(int)c:X4}).", paramName);
            }
        }
    }

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
