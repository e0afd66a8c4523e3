package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// The framework's stock validators say what is wrong ("list must contain at least 1 elements,
// got: 0") but not what to do about it. These wrappers run one and append a sentence of advice
// to each diagnostic it reports, keeping its summary, attribute path and severity.

type advisedString struct {
	validator.String
	advice string
}

// adviseString is v with advice appended to its diagnostics.
func adviseString(v validator.String, advice string) validator.String {
	return advisedString{String: v, advice: advice}
}

func (v advisedString) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	var inner validator.StringResponse
	v.String.ValidateString(ctx, req, &inner)
	resp.Diagnostics.Append(withAdvice(inner.Diagnostics, v.advice)...)
}

type advisedList struct {
	validator.List
	advice string
}

// adviseList is v with advice appended to its diagnostics.
func adviseList(v validator.List, advice string) validator.List {
	return advisedList{List: v, advice: advice}
}

func (v advisedList) ValidateList(ctx context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	var inner validator.ListResponse
	v.List.ValidateList(ctx, req, &inner)
	resp.Diagnostics.Append(withAdvice(inner.Diagnostics, v.advice)...)
}

type advisedInt64 struct {
	validator.Int64
	advice string
}

// adviseInt64 is v with advice appended to its diagnostics.
func adviseInt64(v validator.Int64, advice string) validator.Int64 {
	return advisedInt64{Int64: v, advice: advice}
}

func (v advisedInt64) ValidateInt64(ctx context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	var inner validator.Int64Response
	v.Int64.ValidateInt64(ctx, req, &inner)
	resp.Diagnostics.Append(withAdvice(inner.Diagnostics, v.advice)...)
}

func withAdvice(in diag.Diagnostics, advice string) diag.Diagnostics {
	out := make(diag.Diagnostics, 0, len(in))
	for _, d := range in {
		detail := d.Detail() + ". " + advice
		p, hasPath := d.(diag.DiagnosticWithPath)
		switch {
		case hasPath && d.Severity() == diag.SeverityError:
			out.AddAttributeError(p.Path(), d.Summary(), detail)
		case hasPath:
			out.AddAttributeWarning(p.Path(), d.Summary(), detail)
		case d.Severity() == diag.SeverityError:
			out.AddError(d.Summary(), detail)
		default:
			out.AddWarning(d.Summary(), detail)
		}
	}
	return out
}
