package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
)

var _ resource.ResourceWithMoveState = (*samlIdentityProviderResource)(nil)

// MoveState takes over either of the official provider's two resources for the zone's IdP.
// Their values are not taken: their Read can store Tencent's own SP entity ID and metadata in
// entity_id and encoded_metadata_document, so the IdP comes from the service on the Read that
// follows the move, as after an import. One thing is taken as a hint: a non-empty
// encoded_metadata_document says the user describes the IdP by its base64 document (the only
// document form the official resources have), so that Read fills encoded_metadata_document
// rather than metadata_xml and a configuration that keeps the attribute plans nothing. Read
// replaces the hint's value with the service's document, or nulls it when the service holds
// none (an IdP described by hand, whose official state held the SP's metadata).
func (r *samlIdentityProviderResource) MoveState(context.Context) []resource.StateMover {
	move := func(ctx context.Context, src officialState, resp *resource.MoveStateResponse) {
		zone, ok := src.zoneID(resp)
		if !ok {
			return
		}
		setMovedZone(ctx, resp, zone)
		if src.str("encoded_metadata_document") != "" {
			resp.Diagnostics.Append(resp.TargetState.SetAttribute(ctx, pathEncodedMetadata, movedDocumentHint)...)
		}
	}
	return officialStateMovers("tencentcloudidc_saml_identity_provider",
		officialMover{sourceType: "tencentcloud_identity_center_external_saml_identity_provider", move: move},
		officialMover{sourceType: "tencentcloud_organization_external_saml_identity_provider", move: move},
	)
}

// movedDocumentHint is what a move leaves in encoded_metadata_document until the Read that
// follows it: not a document, so that nothing can mistake it for one.
const movedDocumentHint = "moved-from-the-official-provider"
