using System.Text;
using ImapClient.Commands;

namespace ImapClient;

/// <summary>Turning extensions on (ENABLE, RFC 5161) and identifying client and server to each other (ID, RFC 2971).</summary>
public sealed partial class ImapConnection
{
    private const int MaxIdFields = 30;
    private const int MaxIdFieldNameBytes = 30;
    private const int MaxIdValueBytes = 1024;

    /// <summary>Every extension the server enabled on this connection (<see cref="EnableAsync(IEnumerable{string}, CancellationToken)"/>); empty until then.</summary>
    public ImapCapabilities EnabledCapabilities => _session.Enabled;

    /// <summary>Turns on one extension (ENABLE); see <see cref="EnableAsync(IEnumerable{string}, CancellationToken)"/>.</summary>
    /// <param name="capability">The extension, e.g. <c>UTF8=ACCEPT</c>, <c>IMAP4rev2</c> or <c>CONDSTORE</c>.</param>
    /// <param name="cancellationToken">Cancels waiting; a command already sent still completes in the background.</param>
    /// <returns>What the server enabled: the extension, or nothing when it declined.</returns>
    /// <exception cref="ArgumentException">The name is not an atom.</exception>
    /// <exception cref="NotSupportedException">The server does not offer ENABLE; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">Not in the Authenticated state (signed in, no mailbox selected); nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    public Task<ImapCapabilities> EnableAsync(string capability, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(capability);
        return EnableAsync([capability], cancellationToken);
    }

    /// <summary>
    /// Turns on extensions that change how the server talks (ENABLE, RFC 5161). The server enables those it knows and
    /// ignores the rest. Enabling <c>UTF8=ACCEPT</c> (RFC 6855) or <c>IMAP4rev2</c> (RFC 9051) makes mailbox names
    /// travel as UTF-8 instead of modified UTF-7 from then on, and after <c>UTF8=ACCEPT</c> searches no longer name a
    /// charset (the RFC forbids it); after <c>IMAP4rev2</c> the server answers SEARCH with ESEARCH, which
    /// <see cref="SearchAsync(SearchQuery, CancellationToken)"/> reads alike; after <c>QRESYNC</c> (RFC 7162) expunges
    /// come as VANISHED (see <see cref="ExpungeResult.VanishedUids"/>) and QRESYNC SELECT parameters may be sent. Only
    /// in the Authenticated state, before a mailbox is selected. Nothing else runs on the connection while ENABLE does.
    /// </summary>
    /// <param name="capabilities">The extensions, e.g. <c>["UTF8=ACCEPT", "CONDSTORE"]</c>.</param>
    /// <param name="cancellationToken">Cancels waiting; a command already sent still completes in the background.</param>
    /// <returns>What the server enabled (<c>* ENABLED</c>); also added to <see cref="EnabledCapabilities"/>.</returns>
    /// <exception cref="ArgumentException">No extension given, or a name that is not an atom.</exception>
    /// <exception cref="NotSupportedException">The server does not offer ENABLE; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">Not in the Authenticated state; nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    public async Task<ImapCapabilities> EnableAsync(IEnumerable<string> capabilities, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        var list = capabilities.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("Name at least one extension to enable.", nameof(capabilities));
        }

        foreach (var capability in list)
        {
            if (capability is null || !FlagSyntax.IsValidKeyword(capability))
            {
                throw new ArgumentException($"\"{capability}\" is not an extension name (an atom without spaces or specials).", nameof(capabilities));
            }
        }

        ThrowUnlessIn(static s => s == ImapConnectionState.Authenticated, nameof(EnableAsync));

        var known = await KnownCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
        if (!known.Contains("ENABLE"))
        {
            throw MailboxCapabilities.Missing("ENABLE", "ENABLE");
        }

        return await _session.ExecuteAsync(new EnableCommand(list), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Tells the server who the client is and asks who the server is (ID, RFC 2971), in any state. Servers log the
    /// client's fields; some tailor their behaviour to them.
    /// </summary>
    /// <param name="clientId">
    /// Fields such as <c>name</c>, <c>version</c>, <c>vendor</c>, <c>support-url</c> (RFC 2971 section 3.3), a null
    /// value sent as NIL; null or empty to send <c>ID NIL</c>. At most 30 fields, names of at most 30 bytes and values
    /// of at most 1024 bytes (UTF-8), no name twice (names are compared case-insensitively), no NUL characters.
    /// </param>
    /// <param name="cancellationToken">Cancels waiting; a command already sent still completes in the background.</param>
    /// <returns>The server's fields, names compared case-insensitively; empty when it sent <c>ID NIL</c>.</returns>
    /// <exception cref="ArgumentException">The fields break one of RFC 2971's limits.</exception>
    /// <exception cref="NotSupportedException">The server does not offer ID; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The connection was logged out; nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    public async Task<IReadOnlyDictionary<string, string?>> IdAsync(
        IReadOnlyDictionary<string, string?>? clientId, CancellationToken cancellationToken = default)
    {
        var fields = ValidateId(clientId);
        ThrowUnlessIn(static s => s != ImapConnectionState.Logout, nameof(IdAsync));

        if (!(await KnownCapabilitiesAsync(cancellationToken).ConfigureAwait(false)).Contains("ID"))
        {
            throw MailboxCapabilities.Missing("ID", "ID");
        }

        return await _session.ExecuteAsync(new IdCommand(fields), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>RFC 2971 section 3.3's limits, checked on a snapshot: the caller may change the dictionary while the command waits.</summary>
    private static KeyValuePair<string, string?>[]? ValidateId(IReadOnlyDictionary<string, string?>? clientId)
    {
        if (clientId is null)
        {
            return null;
        }

        var fields = clientId.ToArray();
        if (fields.Length > MaxIdFields)
        {
            throw new ArgumentException($"ID allows at most {MaxIdFields} fields; {fields.Length} were given.", nameof(clientId));
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in fields)
        {
            if (string.IsNullOrEmpty(name) || Encoding.UTF8.GetByteCount(name) > MaxIdFieldNameBytes)
            {
                throw new ArgumentException($"ID field names must have 1 to {MaxIdFieldNameBytes} bytes: \"{name}\".", nameof(clientId));
            }

            if (!names.Add(name))
            {
                throw new ArgumentException($"The ID field \"{name}\" is given twice (names are compared case-insensitively).", nameof(clientId));
            }

            if (value is not null && Encoding.UTF8.GetByteCount(value) > MaxIdValueBytes)
            {
                throw new ArgumentException($"The value of the ID field \"{name}\" is longer than {MaxIdValueBytes} bytes.", nameof(clientId));
            }

            if (name.Contains('\0', StringComparison.Ordinal) || (value?.Contains('\0', StringComparison.Ordinal) ?? false))
            {
                throw new ArgumentException($"The ID field \"{name}\" holds a NUL character, which no IMAP string may carry.", nameof(clientId));
            }
        }

        return fields;
    }
}
