namespace Ladder.Api.Schema;

/// <summary>
/// The machine-readable reasons a CEL rule may report (<c>x-kubernetes-validations[].reason</c>). The API server
/// accepts exactly these four (apiextensions <c>FieldValueErrorReason</c>, Kubernetes 1.28 and later); any other
/// value makes the whole CRD invalid, so the attribute takes this enum rather than a string.
/// </summary>
public enum CelReason
{
    /// <summary><c>FieldValueInvalid</c>: the value is malformed or out of range (HTTP 422, the server's default).</summary>
    FieldValueInvalid,

    /// <summary><c>FieldValueForbidden</c>: the field must not be set in this combination.</summary>
    FieldValueForbidden,

    /// <summary><c>FieldValueRequired</c>: a required value is missing.</summary>
    FieldValueRequired,

    /// <summary><c>FieldValueDuplicate</c>: the value repeats one that must be unique.</summary>
    FieldValueDuplicate,
}
