namespace ImapClient.Commands;

/// <summary>
/// Which capability each mailbox command option needs. Checked before anything is sent: a server asked for an
/// extension it lacks answers BAD, and a caller learns more from a NotSupportedException that names what is missing.
/// </summary>
internal static class MailboxCapabilities
{
    // What IMAP4rev2 implies is decided by ImapCapabilities.Contains.
    public static bool ListExtended(ImapCapabilities capabilities) => capabilities.Contains("LIST-EXTENDED");

    public static bool ListStatus(ImapCapabilities capabilities) => capabilities.Contains("LIST-STATUS");

    public static bool SpecialUse(ImapCapabilities capabilities) => capabilities.Contains("SPECIAL-USE");

    public static bool Namespace(ImapCapabilities capabilities) => capabilities.Contains("NAMESPACE");

    public static bool Unselect(ImapCapabilities capabilities) => capabilities.Contains("UNSELECT");

    public static bool CreateSpecialUse(ImapCapabilities capabilities) => capabilities.Contains("CREATE-SPECIAL-USE");

    /// <summary>True when the request needs anything beyond a plain <c>LIST reference pattern</c>.</summary>
    public static bool IsExtended(ListRequest request) =>
        request.Selection != ListSelectionOptions.None || request.Return != ListReturnOptions.None
        || request.Status != StatusItems.None || request.Patterns.Count != 1;

    /// <summary>Throws <see cref="NotSupportedException"/> naming the first capability the request needs and the server lacks.</summary>
    public static void RequireForList(ListRequest request, ImapCapabilities capabilities, bool rev2Enabled = false)
    {
        var specialUse = (request.Selection & ListSelectionOptions.SpecialUse) != 0 || (request.Return & ListReturnOptions.SpecialUse) != 0;
        if (specialUse && !SpecialUse(capabilities))
        {
            throw Missing("the SPECIAL-USE list option", "SPECIAL-USE");
        }

        if ((request.Selection != ListSelectionOptions.None || request.Return != ListReturnOptions.None || request.Patterns.Count > 1)
            && !ListExtended(capabilities))
        {
            throw Missing(request.Patterns.Count > 1 ? "LIST with several patterns" : "LIST selection and return options", "LIST-EXTENDED");
        }

        if (request.Status != StatusItems.None)
        {
            if (!ListStatus(capabilities))
            {
                throw Missing("LIST with a STATUS return option", "LIST-STATUS");
            }

            RequireForStatus(request.Status, capabilities, rev2Enabled);
        }
    }

    /// <summary>
    /// Throws <see cref="NotSupportedException"/> for a status item the server does not offer; RECENT is gone once the
    /// server speaks IMAP4rev2 only, or was told to with ENABLE (<paramref name="rev2Enabled"/>).
    /// </summary>
    public static void RequireForStatus(StatusItems items, ImapCapabilities capabilities, bool rev2Enabled = false)
    {
        if ((items & StatusItems.Size) != 0 && !capabilities.Contains("STATUS=SIZE"))
        {
            throw Missing("The SIZE status item", "STATUS=SIZE");
        }

        if ((items & StatusItems.Deleted) != 0 && !capabilities.Imap4Rev2)
        {
            throw Missing("The DELETED status item", "IMAP4rev2");
        }

        if ((items & StatusItems.HighestModSeq) != 0 && !capabilities.Contains("CONDSTORE") && !capabilities.Contains("QRESYNC"))
        {
            throw Missing("The HIGHESTMODSEQ status item", "CONDSTORE");
        }

        if ((items & StatusItems.Recent) != 0 && capabilities.Imap4Rev2 && (!capabilities.Imap4Rev1 || rev2Enabled))
        {
            throw new NotSupportedException(rev2Enabled
                ? "The RECENT status item does not exist in IMAP4rev2, which this connection enabled. Nothing was sent."
                : "The RECENT status item does not exist in IMAP4rev2, and the server offers only IMAP4rev2. Nothing was sent.");
        }
    }

    public static NotSupportedException Missing(string what, string capability) =>
        new($"{what} needs the {capability} capability, which the server does not advertise. Nothing was sent.");
}
