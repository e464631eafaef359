namespace ImapClient.Sasl;

/// <summary>Argument checks shared by the OAuth mechanisms, whose messages separate fields with ^A.</summary>
internal static class OAuthText
{
    /// <summary>Rejects a value containing U+0001, which would end its field early and let it inject others.</summary>
    /// <exception cref="ArgumentException">The value contains U+0001.</exception>
    public static void RejectSeparator(string value, string paramName)
    {
        if (value.Contains('\u0001', StringComparison.Ordinal))
        {
            throw new ArgumentException("The value cannot contain U+0001 (^A), which separates the mechanism's fields.", paramName);
        }
    }
}
