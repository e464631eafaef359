using System.Runtime.CompilerServices;
using ImapClient.Session;

namespace ImapClient;

/// <summary>
/// The checks a call makes before anything is sent: some calls first ask for the capabilities, which would send
/// CAPABILITY before the command itself was refused. The refusals name the method the caller called.
/// </summary>
public sealed partial class ImapConnection
{
    /// <summary>After <see cref="DisposeAsync"/> every call throws <see cref="ObjectDisposedException"/>.</summary>
    private void ThrowIfDisposed()
    {
        if (_session.IsDisposed)
        {
            throw ImapSession.Disposed();
        }
    }

    private void ThrowUnlessIn(Func<ImapConnectionState, bool> allowed, string api)
    {
        ThrowIfDisposed();
        if (!allowed(State))
        {
            throw CallRefusal.WrongState(api, allowed, State);
        }
    }

    private void ThrowIfNotSignedIn([CallerMemberName] string api = "") =>
        ThrowUnlessIn(static s => s is ImapConnectionState.Authenticated or ImapConnectionState.Selected, api);

    private void ThrowIfNotSelected([CallerMemberName] string api = "") =>
        ThrowUnlessIn(static s => s == ImapConnectionState.Selected, api);

    /// <summary>For calls that change the selected mailbox: it must be selected, and not read-only.</summary>
    private void ThrowIfNotWritable([CallerMemberName] string api = "")
    {
        ThrowIfNotSelected(api);
        if (_session.Mailbox is { IsReadOnly: true } mailbox)
        {
            throw CallRefusal.ReadOnly(api, mailbox);
        }
    }
}
