using System.Text;

namespace ImapClient.Sasl;

/// <summary>The obsolete LOGIN mechanism (draft-murchison-sasl-login): the user name and password in clear, so only over TLS.</summary>
internal sealed class LoginMechanism : SaslMechanism
{
    private readonly string _userName;
    private string? _password;
    private bool _userNameSent;

    /// <summary>Creates the mechanism for the given credentials.</summary>
    public LoginMechanism(string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        _userName = userName;
        _password = password;
    }

    /// <inheritdoc/>
    public override string Name => SaslMechanismNames.Login;

    /// <inheritdoc/>
    public override byte[] Respond(ReadOnlySpan<byte> challenge)
    {
        ThrowIfCompleted();

        // Servers word the prompts differently ("Username:", "User Name", localized text), so the answer follows
        // the order of the prompts, never their text.
        if (!_userNameSent)
        {
            _userNameSent = true;
            return Encoding.UTF8.GetBytes(_userName);
        }

        var response = Encoding.UTF8.GetBytes(_password!);
        _password = null;
        IsCompleted = true;
        return response;
    }
}
