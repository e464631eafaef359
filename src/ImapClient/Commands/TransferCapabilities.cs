namespace ImapClient.Commands;

/// <summary>Which capability each transfer command needs: MOVE (RFC 6851) and UID EXPUNGE (UIDPLUS, RFC 4315), both part of IMAP4rev2.</summary>
internal static class TransferCapabilities
{
    public static bool Move(ImapCapabilities capabilities, ImapConnectionOptions options) =>
        capabilities.Contains("MOVE") && !Ignored("MOVE", options);

    public static bool UidExpunge(ImapCapabilities capabilities, ImapConnectionOptions options) =>
        capabilities.UidPlus && !Ignored("UIDPLUS", options);

    private static bool Ignored(string capability, ImapConnectionOptions options) =>
        options.IgnoredCapabilities.Contains(capability, StringComparer.OrdinalIgnoreCase);
}
