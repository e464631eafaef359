using MimeKit;

namespace ImapClient;

/// <summary>
/// Where an <see cref="Envelope"/> gets the address lists it builds on first read. The envelope holds one and asks it
/// once per list; the code that knows the grammar (Protocol/DeferredAddressLists.cs) keeps the server's bytes and
/// builds the list, so the model never runs a parser of its own.
/// </summary>
internal abstract class DeferredAddressSource
{
    /// <summary>A new list for <paramref name="index"/>: 0 From, 1 Sender, 2 Reply-To, 3 To, 4 Cc, 5 Bcc; empty when there was none.</summary>
    public abstract InternetAddressList Build(int index);
}
