using System.Buffers;
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

    /// <summary>
    /// A name whose ASCII wire form is already in characters (a short quoted string widened by the reader): decoded
    /// straight from there, so the name is the only string made.
    /// </summary>
    public static string FromWire(ReadOnlySpan<char> wire, bool utf8) =>
        utf8 || !wire.Contains('&') ? new string(wire) : DecodeShifts(wire);

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

    /// <summary>
    /// Decodes modified UTF-7; malformed shifts are kept verbatim rather than rejected. Allocates only the result:
    /// LIST replies are full of encoded names.
    /// </summary>
    public static string Decode(string encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        return encoded.Contains('&', StringComparison.Ordinal) ? DecodeShifts(encoded) : encoded;
    }

    /// <summary>Decodes a name that holds at least one <c>&amp;</c>.</summary>
    private static string DecodeShifts(ReadOnlySpan<char> encoded)
    {
        // A decoded name is never longer than its encoded form.
        char[]? rented = null;
        var output = encoded.Length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(encoded.Length));
        try
        {
            var written = 0;
            var rest = encoded;
            while (!rest.IsEmpty)
            {
                var amp = rest.IndexOf('&');
                var dash = amp < 0 ? -1 : rest[(amp + 1)..].IndexOf('-');
                if (dash < 0)
                {
                    rest.CopyTo(output[written..]);
                    written += rest.Length;
                    break;
                }

                dash += amp + 1;
                rest[..amp].CopyTo(output[written..]);
                written += amp;
                var shift = rest[(amp + 1)..dash];
                if (shift.IsEmpty)
                {
                    output[written++] = '&';
                }
                else if (TryDecodeShift(shift, output[written..], out var decoded))
                {
                    written += decoded;
                }
                else
                {
                    rest[amp..(dash + 1)].CopyTo(output[written..]);
                    written += dash + 1 - amp;
                }

                rest = rest[(dash + 1)..];
            }

            return new string(output[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Decodes the base64 (with ',' for '/', unpadded) of UTF-16BE code units between '&amp;' and '-'.</summary>
    private static bool TryDecodeShift(ReadOnlySpan<char> shift, Span<char> output, out int written)
    {
        written = 0;
        var bits = 0;
        var count = 0;
        foreach (var c in shift)
        {
            var value = c switch
            {
                >= 'A' and <= 'Z' => c - 'A',
                >= 'a' and <= 'z' => c - 'a' + 26,
                >= '0' and <= '9' => c - '0' + 52,
                '+' => 62,
                ',' => 63,
                _ => -1,
            };
            if (value < 0)
            {
                return false;
            }

            bits = ((bits << 6) | value) & 0x3FFFFF; // at most 21 unconsumed bits matter
            count += 6;
            if (count >= 16)
            {
                count -= 16;
                output[written++] = (char)((bits >> count) & 0xFFFF);
            }
        }

        // Leftover bits are padding; a shift too short to hold one code unit is malformed.
        return written > 0;
    }
}
