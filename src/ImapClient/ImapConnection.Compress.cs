using ImapClient.Commands;

namespace ImapClient;

public sealed partial class ImapConnection
{
    /// <summary>True once COMPRESS=DEFLATE is active on this connection.</summary>
    public bool IsCompressed => _session.Transport.IsCompressed;

    /// <summary>
    /// Compresses the connection in both directions (COMPRESS=DEFLATE, RFC 4978). Worth it on slow links: message
    /// data and FETCH responses shrink severalfold. Commands in flight complete first; nothing above the transport
    /// changes. It cannot be undone, and a second call fails.
    /// </summary>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The server's tagged OK.</returns>
    /// <exception cref="NotSupportedException">The server does not offer COMPRESS=DEFLATE; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">Not signed in, or already compressed; nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    public async Task<ImapStatusResponse> CompressAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfNotSignedIn();
        if (IsCompressed)
        {
            throw new InvalidOperationException("The connection is already compressed.");
        }

        var capabilities = await KnownCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
        if (!capabilities.Contains("COMPRESS=DEFLATE"))
        {
            throw new NotSupportedException("The server does not offer COMPRESS=DEFLATE.");
        }

        return await _session.CompressAsync(new CompressCommand(), cancellationToken).ConfigureAwait(false);
    }
}
