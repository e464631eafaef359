using ImapClient.Commands;

namespace ImapClient;

/// <summary>
/// Mailboxes: listing, status, namespaces, creating, deleting, renaming, subscribing, and leaving the selected one.
/// Names are ordinary strings; they are encoded for the wire (modified UTF-7) and decoded in results.
/// </summary>
public sealed partial class ImapConnection
{
    /// <summary>Lists every mailbox (<c>LIST "" *</c>).</summary>
    /// <param name="cancellationToken">Cancels waiting; a command already sent still completes in the background.</param>
    /// <returns>The mailboxes, in the order the server sent them.</returns>
    /// <exception cref="InvalidOperationException">Not signed in; nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    public Task<IReadOnlyList<MailboxListEntry>> ListAsync(CancellationToken cancellationToken = default) =>
        ListAsync(new ListRequest(), cancellationToken);

    /// <summary>Lists the mailboxes that match a pattern (LIST).</summary>
    /// <param name="reference">The reference name the pattern is relative to; usually empty.</param>
    /// <param name="pattern"><c>*</c> matches anything, <c>%</c> anything but the hierarchy delimiter; an empty pattern asks for the delimiter alone.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The mailboxes, in the order the server sent them.</returns>
    /// <exception cref="InvalidOperationException">Not signed in; nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    public Task<IReadOnlyList<MailboxListEntry>> ListAsync(string reference, string pattern, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(pattern);
        return ListAsync(new ListRequest { Reference = reference, Patterns = [pattern] }, cancellationToken);
    }

    /// <summary>
    /// Lists mailboxes with LIST-EXTENDED options (RFC 5258): several patterns, selection options (subscribed,
    /// remote, special-use, recursive match), return options (subscribed, children, special-use) and status items
    /// for each mailbox (RFC 5819). Options are sent only when the server advertises them.
    /// </summary>
    /// <param name="request">What to list and what to return.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The mailboxes, in the order the server sent them, with <see cref="MailboxListEntry.Status"/> when status items were asked for.</returns>
    /// <exception cref="ArgumentException">No pattern, or RECURSIVEMATCH without another selection option (besides REMOTE).</exception>
    /// <exception cref="NotSupportedException">The server does not advertise an option the request uses; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">Not signed in; nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    public async Task<IReadOnlyList<MailboxListEntry>> ListAsync(ListRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Reference, nameof(request));
        if (request.Patterns is null || request.Patterns.Count == 0 || request.Patterns.Any(p => p is null))
        {
            throw new ArgumentException("A LIST needs at least one pattern, and no pattern may be null.", nameof(request));
        }

        if ((request.Selection & ListSelectionOptions.RecursiveMatch) != 0
            && (request.Selection & ~(ListSelectionOptions.RecursiveMatch | ListSelectionOptions.Remote)) == 0)
        {
            throw new ArgumentException("RECURSIVEMATCH needs another selection option besides REMOTE (RFC 5258), e.g. Subscribed.", nameof(request));
        }

        if (MailboxCapabilities.IsExtended(request))
        {
            ThrowIfNotSignedIn();
            MailboxCapabilities.RequireForList(request, await KnownCapabilitiesAsync(cancellationToken).ConfigureAwait(false), _session.Imap4Rev2Enabled);
        }

        return await _session.ExecuteAsync(new ListCommand(request, lsub: false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists every subscribed mailbox (<c>LSUB "" *</c>). With LIST-EXTENDED, <see cref="ListSelectionOptions.Subscribed"/> says more.</summary>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The subscribed mailboxes.</returns>
    /// <exception cref="InvalidOperationException">Not signed in; nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    public Task<IReadOnlyList<MailboxListEntry>> LsubAsync(CancellationToken cancellationToken = default) => LsubAsync("", "*", cancellationToken);

    /// <summary>Lists the subscribed mailboxes that match a pattern (LSUB).</summary>
    /// <param name="reference">The reference name the pattern is relative to; usually empty.</param>
    /// <param name="pattern">The pattern, with <c>*</c> and <c>%</c> wildcards.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The subscribed mailboxes.</returns>
    /// <exception cref="InvalidOperationException">Not signed in; nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    public Task<IReadOnlyList<MailboxListEntry>> LsubAsync(string reference, string pattern, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(pattern);
        return _session.ExecuteAsync(new ListCommand(new ListRequest { Reference = reference, Patterns = [pattern] }, lsub: true), cancellationToken);
    }

    /// <summary>Asks for a mailbox's status without selecting it (STATUS).</summary>
    /// <param name="mailbox">The mailbox name.</param>
    /// <param name="items">What to report; SIZE, DELETED and HIGHESTMODSEQ only where the server offers them.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The items the server reported.</returns>
    /// <exception cref="ArgumentException">No items asked for.</exception>
    /// <exception cref="NotSupportedException">The server does not offer an item asked for; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">Not signed in; nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused (e.g. no such mailbox).</exception>
    public async Task<MailboxStatus> StatusAsync(string mailbox, StatusItems items, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(mailbox);
        if (items == StatusItems.None)
        {
            throw new ArgumentException("Ask for at least one status item.", nameof(items));
        }

        if ((items & (StatusItems.Size | StatusItems.Deleted | StatusItems.HighestModSeq | StatusItems.Recent)) != 0)
        {
            ThrowIfNotSignedIn();
            MailboxCapabilities.RequireForStatus(items, await KnownCapabilitiesAsync(cancellationToken).ConfigureAwait(false), _session.Imap4Rev2Enabled);
        }

        return await _session.ExecuteAsync(new StatusCommand(mailbox, items), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks for the server's namespaces (NAMESPACE, RFC 2342): personal, other users' and shared.</summary>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The namespaces; a kind the server lacks is an empty list.</returns>
    /// <exception cref="NotSupportedException">The server does not advertise NAMESPACE; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">Not signed in; nothing was sent.</exception>
    public async Task<MailboxNamespaces> NamespaceAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfNotSignedIn();
        if (!MailboxCapabilities.Namespace(await KnownCapabilitiesAsync(cancellationToken).ConfigureAwait(false)))
        {
            throw MailboxCapabilities.Missing("NAMESPACE", "NAMESPACE");
        }

        return await _session.ExecuteAsync(new NamespaceCommand(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates a mailbox (CREATE). A trailing hierarchy delimiter announces that child mailboxes will be created under it.</summary>
    /// <param name="mailbox">The new mailbox's name.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The server's tagged OK.</returns>
    /// <exception cref="InvalidOperationException">Not signed in; nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused (e.g. <c>[ALREADYEXISTS]</c>).</exception>
    public Task<ImapStatusResponse> CreateAsync(string mailbox, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(mailbox);
        return _session.ExecuteAsync(MailboxCommand.Create(mailbox, MailboxAttributes.None), cancellationToken);
    }

    /// <summary>Creates a mailbox for a special use (CREATE … (USE (…)), RFC 6154 CREATE-SPECIAL-USE), e.g. <see cref="MailboxAttributes.Sent"/>.</summary>
    /// <param name="mailbox">The new mailbox's name.</param>
    /// <param name="specialUse">One or more special-use attributes.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The server's tagged OK.</returns>
    /// <exception cref="ArgumentException"><paramref name="specialUse"/> holds attributes that are not special-use ones.</exception>
    /// <exception cref="NotSupportedException">The server does not advertise CREATE-SPECIAL-USE; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">Not signed in; nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused (e.g. <c>[USEATTR]</c>).</exception>
    public async Task<ImapStatusResponse> CreateAsync(string mailbox, MailboxAttributes specialUse, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(mailbox);
        if ((specialUse & ~MailboxAttributes.SpecialUse) != 0)
        {
            throw new ArgumentException($"Only special-use attributes can be given to CREATE, not {specialUse & ~MailboxAttributes.SpecialUse}.", nameof(specialUse));
        }

        if (specialUse != MailboxAttributes.None)
        {
            ThrowIfNotSignedIn();
            if (!MailboxCapabilities.CreateSpecialUse(await KnownCapabilitiesAsync(cancellationToken).ConfigureAwait(false)))
            {
                throw MailboxCapabilities.Missing("CREATE with special-use attributes", "CREATE-SPECIAL-USE");
            }
        }

        return await _session.ExecuteAsync(MailboxCommand.Create(mailbox, specialUse), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a mailbox (DELETE).</summary>
    /// <remarks>
    /// Leave a mailbox (<see cref="CloseMailboxAsync"/>, <see cref="UnselectAsync"/>) before deleting it: Dovecot
    /// answers OK and then ends the session with BYE, which fails every later call with <see cref="ImapConnectionException"/>.
    /// </remarks>
    /// <param name="mailbox">The mailbox name.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The server's tagged OK.</returns>
    /// <exception cref="InvalidOperationException">Not signed in; nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused (e.g. <c>[NONEXISTENT]</c>, or INBOX).</exception>
    public Task<ImapStatusResponse> DeleteAsync(string mailbox, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(mailbox);
        return _session.ExecuteAsync(MailboxCommand.Delete(mailbox), cancellationToken);
    }

    /// <summary>Renames a mailbox and its children (RENAME). Renaming INBOX moves its messages into a new mailbox and leaves INBOX empty.</summary>
    /// <remarks>Leave a mailbox before renaming it: Dovecot ends the session (BYE) at the next command otherwise.</remarks>
    /// <param name="mailbox">The current name.</param>
    /// <param name="newName">The new name.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The server's tagged OK.</returns>
    /// <exception cref="InvalidOperationException">Not signed in; nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    public Task<ImapStatusResponse> RenameAsync(string mailbox, string newName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(mailbox);
        ArgumentException.ThrowIfNullOrEmpty(newName);
        return _session.ExecuteAsync(MailboxCommand.Rename(mailbox, newName), cancellationToken);
    }

    /// <summary>Subscribes to a mailbox (SUBSCRIBE).</summary>
    /// <param name="mailbox">The mailbox name.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The server's tagged OK.</returns>
    /// <exception cref="InvalidOperationException">Not signed in; nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    public Task<ImapStatusResponse> SubscribeAsync(string mailbox, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(mailbox);
        return _session.ExecuteAsync(MailboxCommand.Subscribe(mailbox), cancellationToken);
    }

    /// <summary>Unsubscribes from a mailbox (UNSUBSCRIBE).</summary>
    /// <param name="mailbox">The mailbox name.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The server's tagged OK.</returns>
    /// <exception cref="InvalidOperationException">Not signed in; nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    public Task<ImapStatusResponse> UnsubscribeAsync(string mailbox, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(mailbox);
        return _session.ExecuteAsync(MailboxCommand.Unsubscribe(mailbox), cancellationToken);
    }

    /// <summary>Asks the server to checkpoint the selected mailbox (CHECK; IMAP4rev1, folded into NOOP by IMAP4rev2).</summary>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The server's tagged OK.</returns>
    /// <exception cref="InvalidOperationException">No mailbox is selected; nothing was sent.</exception>
    public Task<ImapStatusResponse> CheckAsync(CancellationToken cancellationToken = default) =>
        _session.ExecuteAsync(new SelectedMailboxCommand("CHECK", deselects: false), cancellationToken);

    /// <summary>
    /// Closes the selected mailbox (CLOSE): messages marked <c>\Deleted</c> are expunged silently (not when it was
    /// opened with EXAMINE), and the connection returns to the Authenticated state.
    /// </summary>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The server's tagged OK.</returns>
    /// <exception cref="InvalidOperationException">No mailbox is selected; nothing was sent.</exception>
    public Task<ImapStatusResponse> CloseMailboxAsync(CancellationToken cancellationToken = default) =>
        _session.ExecuteAsync(new SelectedMailboxCommand("CLOSE", deselects: true), cancellationToken);

    /// <summary>Leaves the selected mailbox without expunging anything (UNSELECT, RFC 3691 or IMAP4rev2).</summary>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The server's tagged OK.</returns>
    /// <exception cref="NotSupportedException">The server does not advertise UNSELECT; nothing was sent (use <see cref="CloseMailboxAsync"/>, or EXAMINE a mailbox first so that CLOSE expunges nothing).</exception>
    /// <exception cref="InvalidOperationException">No mailbox is selected; nothing was sent.</exception>
    public async Task<ImapStatusResponse> UnselectAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfNotSelected();

        if (!MailboxCapabilities.Unselect(await KnownCapabilitiesAsync(cancellationToken).ConfigureAwait(false)))
        {
            throw MailboxCapabilities.Missing("UNSELECT", "UNSELECT");
        }

        return await _session.ExecuteAsync(new SelectedMailboxCommand("UNSELECT", deselects: true), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The capabilities, asked for first when none are known or when signing in may have changed them (the server's
    /// OK to LOGIN or AUTHENTICATE listed none, and servers commonly offer more once a user is signed in).
    /// </summary>
    internal async ValueTask<ImapCapabilities> KnownCapabilitiesAsync(CancellationToken cancellationToken) =>
        Capabilities.All.Count > 0 && !_session.CapabilitiesStale ? Capabilities : await CapabilityAsync(cancellationToken).ConfigureAwait(false);
}
