namespace ImapClient.Session;

/// <summary>What ENABLE turned on (RFC 5161), and how the session follows it.</summary>
/// <remarks>Owns the set of enabled extensions.</remarks>
internal sealed partial class ImapSession
{
    private volatile ImapCapabilities _enabled = ImapCapabilities.None;

    /// <summary>Every extension the server enabled on this connection so far.</summary>
    public ImapCapabilities Enabled => _enabled;

    /// <summary>UTF8=ACCEPT (RFC 6855) is on: a SEARCH must no longer name a charset.</summary>
    public bool Utf8Accepted => _enabled.Contains("UTF8=ACCEPT");

    /// <summary>IMAP4rev2 (RFC 9051) is on: what the server sends follows rev2, not rev1.</summary>
    public bool Imap4Rev2Enabled => _enabled.Contains("IMAP4rev2");

    /// <summary>
    /// Called on the reader loop with ENABLE's completion, before any later response is parsed: from the next response
    /// on, mailbox names travel as UTF-8 if the server enabled UTF8=ACCEPT or IMAP4rev2, and expunges come as VANISHED
    /// if it enabled QRESYNC. ENABLE runs alone, so no
    /// command encoded under the old rules is still waiting to be written.
    /// </summary>
    public void RecordEnabled(ImapCapabilities enabled)
    {
        if (enabled.All.Count == 0)
        {
            return;
        }

        _enabled = new ImapCapabilities(_enabled.All.Concat(enabled.All));
        if (enabled.Contains("UTF8=ACCEPT") || enabled.Contains("IMAP4rev2"))
        {
            Utf8MailboxNames = true;
        }

        // QRESYNC implies CONDSTORE (RFC 7162 section 3.2.3); from now on VANISHED replaces EXPUNGE.
        if (enabled.Contains("QRESYNC"))
        {
            QresyncEnabled = true;
        }
    }
}
