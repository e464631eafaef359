using MimeKit.Utils;

namespace ImapClient.Protocol;

/// <summary>Parses the two date shapes a FETCH carries: INTERNALDATE (fixed IMAP syntax) and the envelope's Date header.</summary>
internal static class ImapDateParser
{
    private static ReadOnlySpan<byte> MonthNames => "janfebmaraprmayjunjulaugsepoctnovdec"u8;

    /// <summary>
    /// Parses <c>date-time</c> (RFC 3501): <c>dd-Mon-yyyy HH:mm:ss +zzzz</c>, where the day may be one digit or
    /// space-padded. Returns null rather than throwing: a bad date must not cost the rest of the FETCH.
    /// </summary>
    public static DateTimeOffset? ParseInternalDate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ParseInternalDate(text.AsSpan());
    }

    /// <inheritdoc cref="ParseInternalDate(string)"/>
    public static DateTimeOffset? ParseInternalDate(ReadOnlySpan<char> text)
    {
        var s = text.Trim(' ');
        var pos = 0;
        if (!TryReadNumber(s, ref pos, 1, 2, out var day)
            || !TrySkip(s, ref pos, '-')
            || !TryReadMonth(s, ref pos, out var month)
            || !TrySkip(s, ref pos, '-')
            || !TryReadNumber(s, ref pos, 4, 4, out var year)
            || !TrySkipSpaces(s, ref pos)
            || !TryReadNumber(s, ref pos, 2, 2, out var hour)
            || !TrySkip(s, ref pos, ':')
            || !TryReadNumber(s, ref pos, 2, 2, out var minute)
            || !TrySkip(s, ref pos, ':')
            || !TryReadNumber(s, ref pos, 2, 2, out var second)
            || !TrySkipSpaces(s, ref pos)
            || pos >= s.Length
            || s[pos] is not ('+' or '-'))
        {
            return null;
        }

        var negative = s[pos++] == '-';
        if (!TryReadNumber(s, ref pos, 4, 4, out var zone) || pos != s.Length)
        {
            return null;
        }

        var zoneHours = zone / 100;
        var zoneMinutes = zone % 100;
        if (year < 1 || day > DateTime.DaysInMonth(year, month) || day < 1 || hour > 23 || minute > 59 || second > 60
            || zoneHours > 14 || zoneMinutes > 59 || (zoneHours == 14 && zoneMinutes > 0))
        {
            return null;
        }

        // A leap second cannot be represented; the instant just before it is the honest approximation.
        second = Math.Min(second, 59);
        var offset = new TimeSpan(zoneHours, zoneMinutes, 0);
        if (negative)
        {
            offset = -offset;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return null;
        }

        return new DateTimeOffset(local, offset);
    }

    /// <summary>
    /// Whether <paramref name="text"/> is spaced exactly as <c>date-time</c> (RFC 3501): <c>dd-Mon-yyyy HH:mm:ss +zzzz</c>
    /// with a two-character day, a one-digit day padded with a space, and single spaces.
    /// </summary>
    public static bool IsStrictDateTime(ReadOnlySpan<char> text) =>
        text.Length == 26
        && (text[0] == ' ' || char.IsAsciiDigit(text[0])) && char.IsAsciiDigit(text[1])
        && text[2] == '-' && text[6] == '-' && text[11] == ' ' && text[14] == ':' && text[17] == ':' && text[20] == ' '
        && text[21] is '+' or '-'
        && AllDigits(text.Slice(7, 4)) && AllDigits(text.Slice(12, 2)) && AllDigits(text.Slice(15, 2))
        && AllDigits(text.Slice(18, 2)) && AllDigits(text.Slice(22, 4));

    private static bool AllDigits(ReadOnlySpan<char> s) => !s.ContainsAnyExceptInRange('0', '9');

    /// <summary>
    /// Parses an RFC 5322 Date header as found in an ENVELOPE, which servers pass through unchecked: MimeKit's parser
    /// is lenient about the many shapes mailers produce. Null when absent or unparseable, and null when MimeKit's
    /// leniency produced a date that cannot be what the sender wrote (see <see cref="AgreesWithText"/>).
    /// </summary>
    public static DateTimeOffset? ParseEnvelopeDate(string? text) =>
        text is not null && DateUtils.TryParse(text, out var date) && AgreesWithText(text, date) ? date : null;

    /// <summary>
    /// Whether the explicit fields of <paramref name="text"/> survived into <paramref name="date"/>. MimeKit repairs
    /// what it cannot read: a zone of <c>+9999</c> silently becomes UTC and the year <c>0000</c> becomes 2000. Such a
    /// date is a guess, not the sender's, so a written four-digit year must come back unchanged, and a numeric zone must
    /// be a real one (at most 14 hours, minutes below 60) that comes back unchanged. Two-digit years and named zones
    /// are RFC 5322's obsolete syntax; MimeKit's reading of them stands.
    /// </summary>
    private static bool AgreesWithText(ReadOnlySpan<char> text, DateTimeOffset date)
    {
        var yearSeen = false;
        foreach (var range in text.SplitAny(" \t,"))
        {
            var token = text[range];
            if (token.IsEmpty || token[0] == '(')
            {
                // The rest is a comment such as "(PDT)": nothing the date was read from.
                if (!token.IsEmpty)
                {
                    break;
                }

                continue;
            }

            if (!yearSeen && token.Length >= 4 && AllDigits(token))
            {
                yearSeen = true;
                if (!int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year)
                    || year != date.Year)
                {
                    return false;
                }
            }
            else if (token.Length == 5 && token[0] is '+' or '-' && AllDigits(token[1..]))
            {
                var hours = ((token[1] - '0') * 10) + (token[2] - '0');
                var minutes = ((token[3] - '0') * 10) + (token[4] - '0');
                if (minutes > 59 || hours > 14 || (hours == 14 && minutes > 0))
                {
                    return false;
                }

                var offset = new TimeSpan(hours, minutes, 0);
                if ((token[0] == '-' ? -offset : offset) != date.Offset)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool TryReadNumber(ReadOnlySpan<char> s, ref int pos, int minDigits, int maxDigits, out int value)
    {
        value = 0;
        var start = pos;
        while (pos < s.Length && pos - start < maxDigits && char.IsAsciiDigit(s[pos]))
        {
            value = (value * 10) + (s[pos] - '0');
            pos++;
        }

        return pos - start >= minDigits;
    }

    private static bool TryReadMonth(ReadOnlySpan<char> s, ref int pos, out int month)
    {
        month = 0;
        if (s.Length - pos < 3)
        {
            return false;
        }

        for (var i = 0; i < 12; i++)
        {
            var name = MonthNames.Slice(i * 3, 3);
            if (char.ToLowerInvariant(s[pos]) == name[0]
                && char.ToLowerInvariant(s[pos + 1]) == name[1]
                && char.ToLowerInvariant(s[pos + 2]) == name[2])
            {
                month = i + 1;
                pos += 3;
                return true;
            }
        }

        return false;
    }

    private static bool TrySkip(ReadOnlySpan<char> s, ref int pos, char expected)
    {
        if (pos < s.Length && s[pos] == expected)
        {
            pos++;
            return true;
        }

        return false;
    }

    /// <summary>One space is the grammar; more are tolerated because the only cost is accepting a sloppy server.</summary>
    private static bool TrySkipSpaces(ReadOnlySpan<char> s, ref int pos)
    {
        var start = pos;
        while (pos < s.Length && s[pos] == ' ')
        {
            pos++;
        }

        return pos > start;
    }
}
