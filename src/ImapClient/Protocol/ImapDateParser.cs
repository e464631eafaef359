namespace ImapClient.Protocol;

/// <summary>Parses IMAP date-time values. (Being written: placeholder so the engine builds.)</summary>
internal static class ImapDateParser
{
    public static DateTimeOffset? ParseInternalDate(string text) =>
        DateTimeOffset.TryParseExact(text.Trim(), "d-MMM-yyyy HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d : null;
}
