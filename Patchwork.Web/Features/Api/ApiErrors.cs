using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.AspNetCore.Mvc;
using Patchwork.Web.Features.Api.Fhir;

namespace Patchwork.Web.Features.Api;

/// <summary>Which of the two APIs a call is to: each answers errors in its own format.</summary>
public enum ApiKind
{
    /// <summary>/fhir: errors are OperationOutcome resources.</summary>
    Fhir,

    /// <summary>/api/v1: errors are application/problem+json.</summary>
    Feed,
}

/// <summary>Error answers of the two APIs, so every refusal says in the caller's own format what is wrong.</summary>
public static class ApiErrors
{
    public const string FhirPrefix = "/fhir";
    public const string FeedPrefix = "/api/v1";

    public static ApiKind? KindOf(PathString path) =>
        path.StartsWithSegments(FhirPrefix) ? ApiKind.Fhir
        : path.StartsWithSegments(FeedPrefix) ? ApiKind.Feed
        : null;

    public static IResult For(ApiKind kind, int status, string message) => kind switch
    {
        ApiKind.Fhir => FhirResults.Outcome(status, message),
        ApiKind.Feed => Results.Problem(new ProblemDetails { Status = status, Title = TitleOf(status), Detail = message }),
    };

    /// <summary>Writes an error where no endpoint runs (a challenge, the rate limiter).</summary>
    public static Task WriteAsync(HttpContext context, ApiKind kind, int status, string message) =>
        For(kind, status, message).ExecuteAsync(context);

    public static string TitleOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is not valid",
        StatusCodes.Status401Unauthorized => "A bearer token is needed",
        StatusCodes.Status403Forbidden => "Not allowed",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status409Conflict => "Conflict",
        StatusCodes.Status429TooManyRequests => "Too many requests",
        _ => "Error",
    };

    /// <summary>An OperationOutcome issue type for an HTTP status.</summary>
    public static OperationOutcome.IssueType IssueTypeOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => OperationOutcome.IssueType.Invalid,
        StatusCodes.Status401Unauthorized => OperationOutcome.IssueType.Login,
        StatusCodes.Status403Forbidden => OperationOutcome.IssueType.Forbidden,
        StatusCodes.Status404NotFound => OperationOutcome.IssueType.NotFound,
        StatusCodes.Status409Conflict => OperationOutcome.IssueType.Conflict,
        StatusCodes.Status429TooManyRequests => OperationOutcome.IssueType.Throttled,
        _ => OperationOutcome.IssueType.Exception,
    };
}
